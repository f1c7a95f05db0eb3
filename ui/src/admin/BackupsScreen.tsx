import { useEffect, useState } from 'react';
import { ProblemMessage } from '../components/ProblemMessage.tsx';
import { Empty, LoadState, Modal, StatusBadge, Time, useAction, useLoad } from '../ui.tsx';
import { backupsApi, formatBytes, formatDuration, phaseLabel, type Backup, type BackupCheck, type RestoreProgress } from './backups.ts';

/** Backups for platform admins: the list (size, duration, status, counts), a backup now, downloads, and restores. */
export function BackupsScreen() {
  const overview = useLoad((s) => backupsApi.overview(s), []);
  const start = useAction();
  const [telemetry, setTelemetry] = useState(true);
  const [restoring, setRestoring] = useState<Backup | undefined>();
  const running = overview.data?.items.some((b) => b.status === 'RUNNING') ?? false;

  // follow a running backup until it ends
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(overview.reload, 1000);
    return () => clearInterval(timer);
  }, [running, overview.reload]);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Backups</h1>
          <p className="page-lead">
            Every table in one consistent snapshot, compressed and checksummed. Secrets and certificates stay sealed in it.
          </p>
        </div>
        <div className="actions">
          <label className="backup-telemetry">
            <input type="checkbox" checked={telemetry} onChange={(e) => setTelemetry(e.target.checked)} data-testid="backup-telemetry" /> with
            telemetry
          </label>
          <button
            type="button"
            className="button"
            disabled={start.busy || running}
            data-testid="backup-start"
            onClick={async () => {
              if (await start.run(() => backupsApi.start(telemetry))) overview.reload();
            }}
          >
            {running ? 'Backing up…' : 'Back up now'}
          </button>
        </div>
      </div>
      {start.problem && <ProblemMessage problem={start.problem} />}
      <div className="backup-warning" role="note" data-testid="master-key-note">
        <strong>The master key is not in any backup.</strong> Without it the secrets and certificates in a backup cannot be opened: keep the
        server's <code>master.key</code> file (or its <code>VF_MASTER_KEY</code>) safe, apart from the backups.
      </div>
      <LoadState state={overview}>
        {(o) => (
          <>
            <section className="card">
              <dl className="facts" data-testid="backup-policy">
                <div>
                  <dt>Storage</dt>
                  <dd className="small">{o.storage}</dd>
                </div>
                <div>
                <dt>Schedule</dt>
                <dd className="small">
                  {o.schedule ?? 'none (VF_BACKUP_SCHEDULE)'}
                  {o.nextScheduled && (
                    <span className="muted">
                      {' '}
                      — next <Time iso={o.nextScheduled} />
                    </span>
                  )}
                  {o.schedule && <span className="muted">{o.telemetryInScheduled ? ', with telemetry' : ', without telemetry'}</span>}
                </dd>
                </div>
                <div>
                  <dt>Retention</dt>
                  <dd className="small">{o.retention}</dd>
                </div>
              </dl>
            </section>
            {o.restore && <RestoreCard progress={o.restore} />}
            <section className="card">
              {o.items.length === 0 ? (
                <Empty title="No backups yet" testId="backups-empty">
                  <p className="muted">Back up now, or set a schedule with VF_BACKUP_SCHEDULE.</p>
                </Empty>
              ) : (
                <table className="table" data-testid="backup-list">
                  <thead>
                    <tr>
                      <th>Backup</th>
                      <th>Status</th>
                      <th>Started</th>
                      <th>Duration</th>
                      <th>Size</th>
                      <th>Rows</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {o.items.map((b) => (
                      <tr key={b.name} data-testid="backup-row">
                        <td>
                          <span className="mono small">{b.name}</span>
                          <div className="muted small">
                            {b.trigger.toLowerCase().replace('_', '-')} by {b.createdBy}
                            {b.telemetryIncluded ? '' : ', without telemetry'}
                            {!b.available && b.status === 'SUCCEEDED' && ', no longer in the storage'}
                          </div>
                          {b.error && (
                            <div className="backup-error small" data-testid="backup-error">
                              {b.error}
                            </div>
                          )}
                        </td>
                        <td>
                          <StatusBadge status={b.status} />
                        </td>
                        <td>
                          <Time iso={b.startedAt} />
                        </td>
                        <td>{formatDuration(b.durationMillis)}</td>
                        <td>{b.status === 'SUCCEEDED' ? formatBytes(b.bytes) : '—'}</td>
                        <td title={Object.entries(b.tableRows).map(([t, n]) => `${t}: ${n}`).join('\n')}>
                          {b.status === 'SUCCEEDED' ? `${b.rows} in ${Object.keys(b.tableRows).length} tables` : '—'}
                        </td>
                        <td className="row-actions">
                          {b.available && b.status === 'SUCCEEDED' && (
                            <>
                              <a className="button button-secondary button-small" href={backupsApi.downloadUrl(b.name)} download data-testid="backup-download">
                                Download
                              </a>
                              <button type="button" className="button button-secondary button-small" onClick={() => setRestoring(b)} data-testid="backup-restore">
                                Restore…
                              </button>
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        )}
      </LoadState>
      {restoring && (
        <RestoreDialog
          backup={restoring}
          onClose={() => {
            setRestoring(undefined);
            overview.reload();
          }}
        />
      )}
    </>
  );
}

function RestoreCard({ progress }: { progress: RestoreProgress }) {
  return (
    <section className="card" data-testid="restore-status">
      <div className="card-head">
        <h2>Last restore: {progress.source}</h2>
        <StatusBadge status={progress.phase} />
      </div>
      <RestoreFacts progress={progress} />
    </section>
  );
}

function RestoreFacts({ progress }: { progress: RestoreProgress }) {
  const percent = progress.tablesTotal > 0 ? Math.round((100 * progress.tablesDone) / progress.tablesTotal) : 0;
  return (
    <>
      <p data-testid="restore-phase">{phaseLabel(progress.phase)}</p>
      {progress.running && (
        <progress max={100} value={percent} aria-label="Tables restored" data-testid="restore-progress">
          {percent}%
        </progress>
      )}
      <p className="muted small">
        {progress.tablesDone} of {progress.tablesTotal} tables, {progress.rowsRestored} rows
        {progress.preRestoreBackup && <> — the database as it was is in {progress.preRestoreBackup}</>}
      </p>
      {progress.auditVerification && <p className="small">Audit log {progress.auditVerification}.</p>}
      {progress.error && <p className="backup-error">{progress.error}</p>}
    </>
  );
}

/** Checks the backup (a dry run), asks for its name typed again, restores, and follows the progress. */
function RestoreDialog({ backup, onClose }: { backup: Backup; onClose: () => void }) {
  const check = useLoad<BackupCheck>((s) => (void s, backupsApi.verify(backup.name)), [backup.name]);
  const [typed, setTyped] = useState('');
  const [progress, setProgress] = useState<RestoreProgress | undefined>();
  const action = useAction();
  const running = progress?.running ?? false;

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      backupsApi.progress().then((p) => p && setProgress(p), () => undefined);
    }, 700);
    return () => clearInterval(timer);
  }, [running]);

  return (
    <Modal title={`Restore ${backup.name}`} onClose={onClose} wide testId="restore-dialog">
      {progress ? (
        <div data-testid="restore-dialog-progress">
          <RestoreFacts progress={progress} />
          {!running && (
            <div className="form-actions">
              <button type="button" className="button" onClick={() => window.location.reload()} data-testid="restore-done">
                {progress.phase === 'SUCCEEDED' ? 'Reload the app' : 'Close'}
              </button>
            </div>
          )}
        </div>
      ) : (
        <LoadState state={check} label="Verifying the backup…">
          {(c) => (
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                const started = await action.run(() => backupsApi.restore(backup.name, typed));
                if (started) setProgress(started);
              }}
            >
              <p>
                The backup is intact: {c.rows} rows in {Object.keys(c.tableRows).length} tables, taken <Time iso={c.createdAt} /> by {c.createdBy}{' '}
                (VectorFlow {c.vectorflowVersion}, schema {c.schemaChangesets}/{c.buildSchemaChangesets}, PostgreSQL {c.postgresVersion}).
              </p>
              <p className="backup-warning">
                Everything in the database is replaced by the backup: changes made since it was taken are lost
                {c.preRestoreBackupFirst ? ' (a pre-restore backup of the current database is taken first, so this can be undone)' : ''}. The
                server refuses other work while it restores; agents keep their pipelines running and reconnect afterwards.
              </p>
              <div className="field">
                <label htmlFor="restore-confirm">
                  Type <code>{backup.name}</code> to confirm
                </label>
                <input id="restore-confirm" className="input mono" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-testid="restore-confirm" />
              </div>
              {action.problem && <ProblemMessage problem={action.problem} />}
              <div className="form-actions">
                <button type="button" className="button button-secondary" onClick={onClose}>
                  Cancel
                </button>
                <button type="submit" className="button button-danger" disabled={typed !== backup.name || action.busy} data-testid="restore-submit">
                  Replace the database
                </button>
              </div>
            </form>
          )}
        </LoadState>
      )}
    </Modal>
  );
}
