/**
 * The command that starts the agent on a host with an enrollment token, for each way of running it. Every name in it
 * is what packaging/agent/install.sh and packaging/agent/vectorflow-agent (and the agent's settings) read; install.test.ts
 * checks that against those files.
 */

export type InstallMode = 'systemd' | 'launcher' | 'java';

export interface InstallChoice {
  mode: InstallMode;
  title: string;
  /** What the command does and where to run it. */
  note: string;
  /** The data directory offered at first. */
  defaultDataDir: string;
}

/** Where the agent keeps its node token and pipelines when VF_DATA_DIR is not set (the service's state directory). */
export const SERVICE_DATA_DIR = '/var/lib/vectorflow-agent';

export const INSTALL_CHOICES: InstallChoice[] = [
  {
    mode: 'systemd',
    title: 'systemd service',
    note: 'As root, from the root of a VectorFlow checkout with the agent built (./mvnw -pl agent-runtime -am package): installs /opt/vectorflow-agent, the user "vectorflow" and the unit vectorflow-agent.service, and starts it (journalctl -u vectorflow-agent -f).',
    defaultDataDir: SERVICE_DATA_DIR,
  },
  {
    mode: 'launcher',
    title: 'By hand, with the launcher',
    note: 'In the foreground, from the root of a VectorFlow checkout with the agent built. The launcher finds a Java 21+, restarts the agent after a self-update and puts the previous jar back when an update fails.',
    defaultDataDir: './vectorflow-agent-data',
  },
  {
    mode: 'java',
    title: 'By hand, with java -jar',
    note: 'In the foreground with the java on PATH (21 or newer), from the root of a VectorFlow checkout with the agent built. Without the launcher a self-update stops the agent instead of restarting it.',
    defaultDataDir: './vectorflow-agent-data',
  },
];

export interface InstallInput {
  mode: InstallMode;
  /** The server as agents reach it (the page's origin). */
  url: string;
  token: string;
  /** Empty means the agent's default ({@link SERVICE_DATA_DIR}). */
  dataDir: string;
  /** Empty means `vector` on PATH. */
  vectorBin: string;
}

const SAFE = /^[A-Za-z0-9_\/.:=,@%+-]+$/;

/** A word for a POSIX shell: as it is when it has nothing the shell would read, else in single quotes. */
export function shellWord(value: string): string {
  if (value !== '' && SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Why a path cannot be used, or undefined. */
export function pathProblem(what: string, path: string, mode: InstallMode): string | undefined {
  const p = path.trim();
  if (p === '') return undefined;
  if (/[\n\r\0]/.test(p)) return `${what} must be one line`;
  if (mode === 'systemd' && !p.startsWith('/')) return `${what} must be an absolute path for the service`;
  if (mode === 'systemd' && what === 'The data directory' && /^\/(usr|etc|boot|home|root|run\/user)(\/|$)/.test(p))
    return 'The service may not write under /usr, /etc, /boot or a home directory';
  return undefined;
}

/** The command, exactly as it is to be typed; settings left empty are left out (the agent's defaults apply). */
export function installCommand(input: InstallInput): string {
  const dataDir = input.dataDir.trim();
  const vectorBin = input.vectorBin.trim();
  if (input.mode === 'systemd') {
    const args = ['sudo', 'packaging/agent/install.sh', '--url', shellWord(input.url), '--token', shellWord(input.token)];
    if (dataDir && dataDir !== SERVICE_DATA_DIR) args.push('--data-dir', shellWord(dataDir));
    if (vectorBin) args.push('--vector-bin', shellWord(vectorBin));
    return args.join(' ');
  }
  const env = [`VF_URL=${shellWord(input.url)}`, `VF_TOKEN=${shellWord(input.token)}`];
  if (dataDir) env.push(`VF_DATA_DIR=${shellWord(dataDir)}`);
  if (vectorBin) env.push(`VF_VECTOR_BIN=${shellWord(vectorBin)}`);
  const program = input.mode === 'launcher' ? 'packaging/agent/vectorflow-agent run' : 'java -jar agent-runtime/target/vectorflow-agent.jar run';
  return `${env.join(' ')} ${program}`;
}

/** How a text was handed over: on the clipboard, or selected on the page for the user to copy. */
export type CopyOutcome = 'copied' | 'selected';

/**
 * Puts `text` on the clipboard; where the page may not (plain http on another host than localhost, a refused
 * permission) it selects the shown text instead, so that Ctrl+C copies it.
 */
export async function copyOrSelect(
  text: string,
  clipboard: { writeText(text: string): Promise<void> } | undefined,
  select: () => void,
): Promise<CopyOutcome> {
  if (clipboard) {
    try {
      await clipboard.writeText(text);
      return 'copied';
    } catch {
      // refused: fall through to selecting it
    }
  }
  select();
  return 'selected';
}
