import { useRef, useState } from 'react';
import type { CatalogOption, GraphProblem, Secret } from '../lib/client.ts';
import { isRecord } from './graph.ts';
import { CodeEditor } from './CodeEditor.tsx';
import {
  currentVariant,
  describeDefault,
  fieldKind,
  getAt,
  isEnvironmentReference,
  noteOf,
  optionsForVariant,
  parseList,
  parseNumber,
  secretNameOf,
  secretRef,
  setAt,
  switchVariant,
  variantLabel,
  variantsOf,
  visibleOptions,
} from './options.ts';

interface Props {
  componentType: string;
  options: CatalogOption[];
  values: Record<string, unknown>;
  onChange: (values: Record<string, unknown>) => void;
  secrets: Secret[];
  problems: GraphProblem[];
}

/** A form generated from the catalog options of one component type. */
export function OptionsForm(props: Props) {
  const [showAll, setShowAll] = useState(false);
  return (
    <div className="options-form">
      <OptionGroup {...props} path={[]} showAll={showAll} />
      <label className="check small">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show deprecated options
      </label>
    </div>
  );
}

function OptionGroup({ componentType, options, values, onChange, secrets, problems, path, showAll }: Props & { path: string[]; showAll: boolean }) {
  const here = (isRecord(getAt(values, path)) ? getAt(values, path) : {}) as Record<string, unknown>;
  return (
    <>
      {visibleOptions(options, here, showAll).map((o) => (
        <OptionField
          key={o.name}
          option={o}
          componentType={componentType}
          path={[...path, o.name]}
          values={values}
          onChange={onChange}
          secrets={secrets}
          problems={problems}
          showAll={showAll}
        />
      ))}
    </>
  );
}

function OptionField({
  option,
  componentType,
  path,
  values,
  onChange,
  secrets,
  problems,
  showAll,
}: {
  option: CatalogOption;
  componentType: string;
  path: string[];
  values: Record<string, unknown>;
  onChange: (v: Record<string, unknown>) => void;
  secrets: Secret[];
  problems: GraphProblem[];
  showAll: boolean;
}) {
  const value = getAt(values, path);
  const kind = fieldKind(option, componentType, path, value);
  // the shape picked for a union object while none of its fields is filled in yet
  const [pickedVariant, setPickedVariant] = useState<number | undefined>(undefined);
  const set = (v: unknown) => onChange(setAt(values, path, v));
  const dotted = path.join('.');
  const id = `opt-${dotted.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const ownProblems = problems.filter((p) => p.path === dotted || p.path.startsWith(`${dotted}[`));
  const deeperProblems = problems.filter((p) => p.path.startsWith(`${dotted}.`));
  const def = describeDefault(option);
  const label = (
    <label htmlFor={id} className="option-label">
      <code>{option.name}</code>
      {option.required && (
        <span className="required-mark" title="required">
          {' '}
          *
        </span>
      )}
      {option.sensitive && <span className="tag">secret</span>}
      {option.deprecated && <span className="tag">deprecated</span>}
    </label>
  );
  const note = noteOf(option);
  const help = (
    <>
      {option.description && <p className="field-hint">{option.description}</p>}
      {note && <p className="field-hint">{note}</p>}
      {def !== undefined && <p className="field-hint">Default: <code>{def}</code></p>}
      {isEnvironmentReference(value) && (
        <p className="field-hint" data-testid="option-environment">
          Read from the environment of the node that runs the pipeline.
        </p>
      )}
      {ownProblems.map((p, i) => (
        <p key={i} className={p.severity === 'ERROR' ? 'field-error' : 'field-warning'} data-testid="option-problem">
          {p.message}
        </p>
      ))}
    </>
  );
  const invalid = ownProblems.some((p) => p.severity === 'ERROR');
  const cls = `field option ${invalid ? 'field-invalid' : ''}`;

  switch (kind) {
    case 'object': {
      const variants = variantsOf(option);
      const here = isRecord(value) ? value : {};
      const stillFits = pickedVariant !== undefined && Object.keys(switchVariant(option, here, pickedVariant)).length === Object.keys(here).length;
      const chosen = variants.length === 0 ? -1 : stillFits ? (pickedVariant as number) : currentVariant(option, here);
      return (
        <details className="option-group" open={option.required || value !== undefined || deeperProblems.length > 0}>
          <summary>
            <code>{option.name}</code>
            {option.required && <span className="required-mark"> *</span>}
            {deeperProblems.length > 0 && <span className="problem-dot" aria-label="has problems" />}
          </summary>
          {help}
          {variants.length > 0 && (
            <div className="field option">
              <label htmlFor={`${id}-variant`} className="option-label">
                one of
              </label>
              <select
                id={`${id}-variant`}
                className="input"
                value={chosen < 0 ? '' : String(chosen)}
                onChange={(e) => {
                  const next = e.target.value === '' ? undefined : Number(e.target.value);
                  setPickedVariant(next);
                  set(next === undefined ? undefined : switchVariant(option, here, next));
                }}
                data-testid={`option-${dotted}-variant`}
              >
                {chosen < 0 && <option value="">— choose —</option>}
                {variants.map((v, i) => (
                  <option key={i} value={String(i)}>
                    {variantLabel(v)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <OptionGroup
            componentType={componentType}
            options={variants.length > 0 ? optionsForVariant(option, chosen) : option.options}
            values={values}
            onChange={onChange}
            secrets={secrets}
            problems={problems}
            path={path}
            showAll={showAll}
          />
        </details>
      );
    }
    case 'secret': {
      const name = secretNameOf(value);
      const literal = value !== undefined && name === undefined;
      return (
        <div className={cls}>
          {label}
          <select id={id} className="input" value={name ?? ''} onChange={(e) => set(e.target.value ? secretRef(e.target.value) : undefined)} data-testid={`option-${dotted}`}>
            <option value="">{literal ? '(a literal value — choose a secret)' : '— choose a secret —'}</option>
            {secrets.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
          {secrets.length === 0 && <p className="field-hint">No secrets in this environment yet: add one under Secrets.</p>}
          {help}
        </div>
      );
    }
    case 'vrl':
      return (
        <div className={cls}>
          {label}
          <CodeEditor
            language="vrl"
            value={typeof value === 'string' ? value : ''}
            onChange={(v) => set(v === '' ? undefined : v)}
            ariaLabel={`${dotted} (VRL)`}
            testId={`option-${dotted}`}
            placeholder={componentType === 'remap' ? '. = parse_json!(string!(.message))' : '.status == 200'}
          />
          {help}
        </div>
      );
    case 'enum':
      return (
        <div className={cls}>
          {label}
          <select id={id} className="input" value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value || undefined)} data-testid={`option-${dotted}`}>
            <option value="">{def !== undefined ? `(default: ${def})` : '— choose —'}</option>
            {option.enumValues.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
          {help}
        </div>
      );
    case 'bool':
      return (
        <div className={cls}>
          {label}
          <select
            id={id}
            className="input"
            value={value === true ? 'true' : value === false ? 'false' : ''}
            onChange={(e) => set(e.target.value === '' ? undefined : e.target.value === 'true')}
            data-testid={`option-${dotted}`}
          >
            <option value="">{def !== undefined ? `(default: ${def})` : '(unset)'}</option>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
          {help}
        </div>
      );
    case 'number':
      return (
        <div className={cls}>
          {label}
          <TypedText
            id={id}
            external={value === undefined ? '' : String(value)}
            placeholder={def}
            parse={(t) => parseNumber(t, !option.types.includes('FLOAT'))}
            show={(v) => (v === undefined ? '' : String(v))}
            set={set}
            testId={`option-${dotted}`}
          />
          {help}
        </div>
      );
    case 'list':
      return (
        <div className={cls}>
          {label}
          <TypedText
            id={id}
            multiline
            external={Array.isArray(value) ? value.join('\n') : ''}
            placeholder="one per line"
            parse={(t) => parseList(t, !!option.items && !option.items.types.includes('STRING'))}
            show={(v) => (Array.isArray(v) ? v.join('\n') : '')}
            set={set}
            testId={`option-${dotted}`}
          />
          {help}
        </div>
      );
    case 'map':
      return <MapField option={option} componentType={componentType} path={path} value={value} set={set} label={label} help={help} cls={cls} />;
    case 'objectList':
    case 'json':
      return <JsonField id={id} value={value} set={set} label={label} help={help} cls={cls} testId={`option-${dotted}`} />;
    default:
      return (
        <div className={cls}>
          {label}
          <input
            id={id}
            className="input"
            value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
            placeholder={def}
            onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
            spellCheck={false}
            data-testid={`option-${dotted}`}
          />
          {help}
        </div>
      );
  }
}

/** Key → value (route conditions, labels, headers): one row per entry, VRL for route conditions. */
function MapField({ option, componentType, path, value, set, label, help, cls }: {
  option: CatalogOption;
  componentType: string;
  path: string[];
  value: unknown;
  set: (v: unknown) => void;
  label: React.ReactNode;
  help: React.ReactNode;
  cls: string;
}) {
  const entries = isRecord(value) ? Object.entries(value) : [];
  const vrl = !!option.options[0] && fieldKind(option.options[0], componentType, [...path, '*']) === 'vrl';
  const [newKey, setNewKey] = useState('');
  const replace = (list: [string, unknown][]) => set(list.length === 0 ? undefined : Object.fromEntries(list));
  return (
    <div className={cls}>
      {label}
      {entries.map(([k, v], i) => (
        <div key={k} className="map-row">
          <div className="map-row-head">
            <code>{k}</code>
            <button type="button" className="link-button" onClick={() => replace(entries.filter((_, j) => j !== i))} aria-label={`Remove ${k}`}>
              Remove
            </button>
          </div>
          {vrl ? (
            <CodeEditor language="vrl" value={typeof v === 'string' ? v : ''} onChange={(t) => replace(entries.map((e, j) => (j === i ? [k, t] : e)))} ariaLabel={`${path.join('.')}.${k}`} minHeight={40} testId={`option-${path.join('.')}.${k}`} />
          ) : (
            <input className="input" value={typeof v === 'string' ? v : JSON.stringify(v)} onChange={(e) => replace(entries.map((en, j) => (j === i ? [k, e.target.value] : en)))} />
          )}
        </div>
      ))}
      <div className="map-add">
        <input className="input" placeholder={vrl ? 'new route name' : 'new key'} value={newKey} onChange={(e) => setNewKey(e.target.value)} data-testid={`option-${path.join('.')}-new`} />
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!newKey.trim() || entries.some(([k]) => k === newKey.trim())}
          onClick={() => {
            replace([...entries, [newKey.trim(), vrl ? 'true' : '']]);
            setNewKey('');
          }}
        >
          Add
        </button>
      </div>
      {help}
    </div>
  );
}

function JsonField({ id, value, set, label, help, cls, testId }: { id: string; value: unknown; set: (v: unknown) => void; label: React.ReactNode; help: React.ReactNode; cls: string; testId: string }) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | undefined>();
  return (
    <div className={cls}>
      {label}
      <textarea
        id={id}
        className="input textarea textarea-small mono"
        value={text}
        placeholder="JSON"
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setError(undefined);
            set(undefined);
            return;
          }
          try {
            set(JSON.parse(e.target.value));
            setError(undefined);
          } catch {
            setError('Not valid JSON yet');
          }
        }}
        data-testid={testId}
      />
      {error && <p className="field-error">{error}</p>}
      {help}
    </div>
  );
}

/**
 * A text input for a typed value: what is typed stays as typed (e.g. "2." on the way to "2.5"),
 * but a value changed from elsewhere (undo, redo, paste) replaces the text.
 */
function TypedText({ id, external, placeholder, parse, show, set, testId, multiline }: {
  id: string;
  external: string;
  placeholder?: string;
  parse: (text: string) => unknown;
  show: (value: unknown) => string;
  set: (value: unknown) => void;
  testId: string;
  multiline?: boolean;
}) {
  const [text, setText] = useState(external);
  const seen = useRef(external);
  if (external !== seen.current) {
    seen.current = external;
    setText(external);
  }
  const onChange = (t: string) => {
    const v = parse(t);
    seen.current = show(v);
    setText(t);
    set(v);
  };
  return multiline ? (
    <textarea id={id} className="input textarea textarea-small" value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
  ) : (
    <input id={id} className="input" inputMode="decimal" value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
  );
}
