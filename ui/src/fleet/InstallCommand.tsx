import { useRef, useState } from 'react';
import { copyOrSelect, installCommand, INSTALL_CHOICES, pathProblem, type CopyOutcome, type InstallMode } from './install.ts';
import './fleet.css';

/**
 * The command that starts an agent with `token`, for the way of running it the user picks, with the data directory
 * and the Vector binary as inputs; copied with one click (or selected, where the page may not use the clipboard).
 */
export function InstallCommand({ token, url = window.location.origin }: { token: string; url?: string }) {
  const [mode, setMode] = useState<InstallMode>('systemd');
  const choice = INSTALL_CHOICES.find((c) => c.mode === mode) ?? INSTALL_CHOICES[0]!;
  const [dataDirs, setDataDirs] = useState<Record<string, string>>(() =>
    Object.fromEntries(INSTALL_CHOICES.map((c) => [c.mode, c.defaultDataDir])),
  );
  const [vectorBin, setVectorBin] = useState('');
  const [copied, setCopied] = useState<CopyOutcome | undefined>();
  const code = useRef<HTMLElement>(null);
  const dataDir = dataDirs[mode] ?? '';
  const dataDirProblem = pathProblem('The data directory', dataDir, mode);
  const vectorProblem = pathProblem('The Vector binary', vectorBin, mode);
  const command = installCommand({ mode, url, token, dataDir, vectorBin });
  const ok = !dataDirProblem && !vectorProblem;

  const select = () => {
    const element = code.current;
    const selection = window.getSelection();
    if (!element || !selection) return;
    selection.removeAllRanges();
    const range = document.createRange();
    range.selectNodeContents(element);
    selection.addRange(range);
  };

  return (
    <div className="install" data-testid="install">
      <fieldset className="install-modes">
        <legend>How will the agent run?</legend>
        {INSTALL_CHOICES.map((c) => (
          <label key={c.mode} className={c.mode === mode ? 'install-mode install-mode-on' : 'install-mode'}>
            <input
              type="radio"
              name="install-mode"
              value={c.mode}
              checked={c.mode === mode}
              onChange={() => {
                setMode(c.mode);
                setCopied(undefined);
              }}
              data-testid={`install-mode-${c.mode}`}
            />
            {c.title}
          </label>
        ))}
      </fieldset>
      <div className="install-inputs">
        <PathField
          id="install-data-dir"
          label="Data directory"
          value={dataDir}
          onChange={(v) => {
            setDataDirs({ ...dataDirs, [mode]: v });
            setCopied(undefined);
          }}
          placeholder="/var/lib/vectorflow-agent"
          problem={dataDirProblem}
          hint="Node token, pipelines, Vector's data"
        />
        <PathField
          id="install-vector-bin"
          label="Vector binary"
          value={vectorBin}
          onChange={(v) => {
            setVectorBin(v);
            setCopied(undefined);
          }}
          placeholder="vector on PATH"
          problem={vectorProblem}
          hint="Empty: the vector found on PATH"
        />
      </div>
      <p className="small muted install-note">{choice.note}</p>
      <div className="install-command">
        <pre>
          <code ref={code} data-testid="install-command" data-ok={ok ? 'true' : 'false'}>
            {command}
          </code>
        </pre>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!ok}
          onClick={async () => setCopied(await copyOrSelect(command, navigator.clipboard, select))}
          data-testid="copy-install"
        >
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="small muted" role="status" data-testid="copy-outcome">
        {copied === 'copied' && 'The command is on the clipboard.'}
        {copied === 'selected' && 'This page may not use the clipboard: the command is selected, press Ctrl+C (⌘C) to copy it.'}
      </p>
    </div>
  );
}

function PathField(props: { id: string; label: string; value: string; onChange: (v: string) => void; placeholder: string; problem?: string; hint: string }) {
  return (
    <div className={props.problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        className="input mono"
        value={props.value}
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        aria-invalid={props.problem ? true : undefined}
        data-testid={props.id}
      />
      {props.problem ? <p className="field-error">{props.problem}</p> : <p className="field-hint">{props.hint}</p>}
    </div>
  );
}
