import { useMemo, useState } from 'react';
import type { CatalogComponent } from '../lib/client.ts';

export const DRAG_TYPE = 'application/x-vectorflow-component';

const KINDS: { kind: CatalogComponent['kind']; label: string }[] = [
  { kind: 'SOURCE', label: 'Sources' },
  { kind: 'TRANSFORM', label: 'Transforms' },
  { kind: 'SINK', label: 'Sinks' },
];

/** Every catalog component, grouped by kind and searchable; drag onto the canvas or press Enter to add. */
export function Palette({ components, onAdd }: { components: CatalogComponent[]; onAdd: (c: CatalogComponent) => void }) {
  const [search, setSearch] = useState('');
  const q = search.trim().toLowerCase();
  const groups = useMemo(
    () =>
      KINDS.map((k) => ({
        ...k,
        items: components
          .filter((c) => c.kind === k.kind && !c.aliasOf)
          .filter((c) => !q || c.type.includes(q) || c.title.toLowerCase().includes(q) || c.description.toLowerCase().includes(q))
          .sort((a, b) => a.title.localeCompare(b.title)),
      })),
    [components, q],
  );
  return (
    <aside className="palette" aria-label="Components">
      <input className="input" type="search" placeholder="Search components" aria-label="Search components" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="palette-search" />
      <div className="palette-groups">
        {groups.map((g) => (
          <details key={g.kind} open className="palette-group">
            <summary>
              {g.label} <span className="count">{g.items.length}</span>
            </summary>
            <ul>
              {g.items.map((c) => (
                <li key={c.type}>
                  <button
                    type="button"
                    className={`palette-item palette-${c.kind.toLowerCase()}`}
                    draggable
                    onDragStart={(e) => {
                      e.dataTransfer.setData(DRAG_TYPE, `${c.kind}:${c.type}`);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    onClick={() => onAdd(c)}
                    title={`${c.description}\n(drag onto the canvas, or click to add)`}
                    data-testid={`palette-${c.type}`}
                  >
                    <span className="palette-title">{c.title}</span>
                    <span className="palette-type">{c.type}</span>
                    {c.status !== 'stable' && <span className="tag">{c.status}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </div>
    </aside>
  );
}
