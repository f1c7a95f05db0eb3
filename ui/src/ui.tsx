/** Small building blocks every screen uses: loading/empty/error states, dialogs, confirmations, async actions. */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { toApiError, type Problem } from './api.ts';
import { ProblemMessage } from './components/ProblemMessage.tsx';
import { formatAgo } from './format.ts';

export interface Loaded<T> {
  data?: T;
  error?: Problem;
  loading: boolean;
  reload: () => void;
}

/** Loads with `load` whenever `deps` change (and on reload()); the previous data stays while reloading. */
export function useLoad<T>(load: ((signal: AbortSignal) => Promise<T>) | undefined, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Problem; loading: boolean }>({ loading: !!load });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const fn = loadRef.current;
    if (!fn) {
      setState({ loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    fn(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setState({ error: toApiError(e).problem, loading: false });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Runs one action at a time, keeping its error for display next to the form. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(undefined);
    try {
      return await fn();
    } catch (e) {
      setProblem(toApiError(e).problem);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, setProblem, run };
}

/** The message of the problem for one field (`name`, `graph.components[0].key`, ...), if any. */
export function fieldError(problem: Problem | undefined, field: string): string | undefined {
  return problem?.problems?.find((p) => p.field === field)?.message;
}

/** The problem without the field messages shown next to their fields. */
export function restOf(problem: Problem | undefined, shown: string[]): Problem | undefined {
  if (!problem) return undefined;
  const rest = (problem.problems ?? []).filter((p) => !shown.includes(p.field));
  if (problem.problems && problem.problems.length > 0 && rest.length === 0) return undefined;
  return { ...problem, problems: rest.length > 0 ? rest : undefined };
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted loading" role="status">
      <span className="spin" aria-hidden="true">⟳</span> {label}
    </p>
  );
}

export function Empty({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={testId}>
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

/** Renders loading / error / content for a load. */
export function LoadState<T>({ state, children, label }: { state: Loaded<T>; children: (data: T) => ReactNode; label?: string }) {
  if (state.error && !state.data)
    return (
      <div>
        <ProblemMessage problem={state.error} />
        <button type="button" className="button" onClick={state.reload}>
          Try again
        </button>
      </div>
    );
  if (state.data === undefined) return <Loading label={label} />;
  return <>{children(state.data)}</>;
}

export function Modal({ title, onClose, children, wide, testId }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal-wide' : 'modal'}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      aria-label={title}
      data-testid={testId}
    >
      <div className="modal-head">
        <h2>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}

/** A button that asks before a destructive action; the error, if any, shows in the dialog. */
export function ConfirmButton({
  label,
  title,
  message,
  confirmLabel = 'Delete',
  onConfirm,
  className = 'button button-danger',
  testId,
  disabled,
}: {
  label: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  onConfirm: () => Promise<unknown>;
  className?: string;
  testId?: string;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const action = useAction();
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)} data-testid={testId} disabled={disabled}>
        {label}
      </button>
      {open && (
        <Modal title={title} onClose={() => setOpen(false)} testId="confirm-dialog">
          <div className="confirm-message">{message}</div>
          {action.problem && <ProblemMessage problem={action.problem} />}
          <div className="form-actions">
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={action.busy}
              data-testid="confirm"
              autoFocus
              onClick={async () => {
                let ok = false;
                await action.run(async () => {
                  await onConfirm();
                  ok = true;
                });
                if (ok) setOpen(false);
              }}
            >
              {action.busy ? 'Working…' : confirmLabel}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}

export function Tabs<T extends string>({ tabs, value, onChange }: { tabs: { id: T; label: string }[]; value: T; onChange: (t: T) => void }) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={t.id === value}
          className={t.id === value ? 'tab tab-active' : 'tab'}
          onClick={() => onChange(t.id)}
          data-testid={`tab-${t.id}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** A text input with its label and the server's message for it. */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  testId,
  required,
  placeholder,
  multiline,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  type?: string;
  testId?: string;
  required?: boolean;
  placeholder?: string;
  multiline?: boolean;
  autoFocus?: boolean;
}) {
  const id = useRef(`f-${Math.random().toString(36).slice(2, 9)}`).current;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required-mark" aria-label="required"> *</span>}
      </label>
      {multiline ? (
        <textarea
          id={id}
          className="input textarea"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
          placeholder={placeholder}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          autoFocus={autoFocus}
        />
      ) : (
        <input
          id={id}
          className="input"
          type={type}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
          placeholder={placeholder}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          autoFocus={autoFocus}
        />
      )}
      {hint && !error && <p className="field-hint">{hint}</p>}
      {error && (
        <p className="field-error" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      )}
    </div>
  );
}

export function CopyButton({ text, label = 'Copy', testId }: { text: string; label?: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button-secondary button-small"
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        );
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

export function Time({ iso, ago = false }: { iso: string | null | undefined; ago?: boolean }) {
  if (!iso) return <span className="muted">—</span>;
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={Number.isNaN(d.getTime()) ? iso : d.toLocaleString()}>
      {Number.isNaN(d.getTime()) ? iso : ago ? formatAgo(iso) : d.toLocaleString()}
    </time>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const s = status.toUpperCase();
  const tone = ['HEALTHY', 'RUNNING', 'ACTIVE', 'OK', 'IN SYNC', 'SUCCEEDED'].includes(s)
    ? 'ok'
    : ['DEGRADED', 'STARTING', 'PENDING', 'USED_UP', 'EXPIRED'].includes(s)
      ? 'warn'
      : ['UNREACHABLE', 'FAILED', 'CRASHED', 'ERROR', 'REVOKED'].includes(s)
        ? 'bad'
        : 'neutral';
  return <span className={`badge badge-${tone}`}>{status}</span>;
}
