import { useState } from 'react';
import { vf } from '../lib/client.ts';
import { Empty, LoadState, Time, useLoad } from '../ui.tsx';

const FIELDS = [
  { id: 'actor', label: 'Actor', placeholder: 'user:ops@example.com' },
  { id: 'action', label: 'Action (prefix)', placeholder: 'pipeline' },
  { id: 'entityType', label: 'Entity type', placeholder: 'pipeline' },
  { id: 'entityId', label: 'Entity id', placeholder: '' },
] as const;

function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The audit log with filters, and its export as CSV or JSON. */
export function AuditScreen() {
  const [draft, setDraft] = useState<Record<string, string>>({ limit: '100' });
  const [filters, setFilters] = useState<Record<string, string | undefined>>({ limit: '100' });
  const entries = useLoad((s) => vf.audit(filters, s), [JSON.stringify(filters)]);
  const [open, setOpen] = useState<number | undefined>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="page-lead">Every change, who made it and from where; hash-chained on the server.</p>
        </div>
        <div className="actions">
          <a className="button button-secondary" href={vf.auditExportUrl(filters, 'csv')} download data-testid="audit-export-csv">
            Export CSV
          </a>
          <a className="button button-secondary" href={vf.auditExportUrl(filters, 'json')} download>
            Export JSON
          </a>
        </div>
      </div>
      <section className="card">
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters({ ...draft, action: draft.action?.trim().replace(/\.+$/, '') || undefined, from: toIso(draft.fromLocal ?? ''), to: toIso(draft.toLocal ?? ''), fromLocal: undefined, toLocal: undefined });
          }}
        >
          {FIELDS.map((f) => (
            <div className="field" key={f.id}>
              <label htmlFor={`audit-${f.id}`}>{f.label}</label>
              <input id={`audit-${f.id}`} className="input" value={draft[f.id] ?? ''} placeholder={f.placeholder} onChange={(e) => setDraft({ ...draft, [f.id]: e.target.value })} data-testid={`audit-${f.id}`} />
            </div>
          ))}
          <div className="field">
            <label htmlFor="audit-from">From</label>
            <input id="audit-from" className="input" type="datetime-local" value={draft.fromLocal ?? ''} onChange={(e) => setDraft({ ...draft, fromLocal: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">To</label>
            <input id="audit-to" className="input" type="datetime-local" value={draft.toLocal ?? ''} onChange={(e) => setDraft({ ...draft, toLocal: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="audit-limit">Limit</label>
            <select id="audit-limit" className="input" value={draft.limit} onChange={(e) => setDraft({ ...draft, limit: e.target.value })}>
              {['50', '100', '500', '1000'].map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" data-testid="audit-apply">
            Apply
          </button>
        </form>
        <LoadState state={entries}>
          {(items) =>
            items.length === 0 ? (
              <Empty title="No entries match" />
            ) : (
              <table className="table" data-testid="audit-list">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>When</th>
                    <th>Actor</th>
                    <th>Action</th>
                    <th>Entity</th>
                    <th>Changes</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.sequence} data-testid="audit-row">
                      <td className="muted">{a.sequence}</td>
                      <td>
                        <Time iso={a.occurredAt} />
                      </td>
                      <td>
                        {a.actor}
                        {a.sourceAddress && <div className="muted small">{a.sourceAddress}</div>}
                      </td>
                      <td>
                        <code>{a.action}</code>
                      </td>
                      <td className="small">
                        {a.entityType} <span className="muted mono">{a.entityId.slice(0, 13)}</span>
                      </td>
                      <td className="small">
                        <button type="button" className="link-button" onClick={() => setOpen(open === a.sequence ? undefined : a.sequence)} aria-expanded={open === a.sequence}>
                          {Object.keys(a.changes ?? {}).join(', ') || '—'}
                        </button>
                        {open === a.sequence && <pre className="changes">{JSON.stringify(a.changes, null, 2)}</pre>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </LoadState>
      </section>
    </>
  );
}
