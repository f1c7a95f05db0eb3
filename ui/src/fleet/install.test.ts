import { describe, expect, it, vi } from 'vitest';
import { copyOrSelect, installCommand, pathProblem, shellWord, type InstallInput } from './install.ts';

const input = (mode: InstallInput['mode'], more: Partial<InstallInput> = {}): InstallInput => ({
  mode,
  url: 'https://vf.example.com',
  token: 'vf_enroll_0123abcd',
  dataDir: '',
  vectorBin: '',
  ...more,
});

describe('installCommand', () => {
  it('prints the systemd install with only the options that differ from the defaults', () => {
    expect(installCommand(input('systemd'))).toBe('sudo packaging/agent/install.sh --url https://vf.example.com --token vf_enroll_0123abcd');
    expect(installCommand(input('systemd', { dataDir: '/var/lib/vectorflow-agent', vectorBin: '/usr/bin/vector' }))).toBe(
      'sudo packaging/agent/install.sh --url https://vf.example.com --token vf_enroll_0123abcd --vector-bin /usr/bin/vector',
    );
    expect(installCommand(input('systemd', { dataDir: '/srv/vf agent' }))).toBe(
      "sudo packaging/agent/install.sh --url https://vf.example.com --token vf_enroll_0123abcd --data-dir '/srv/vf agent'",
    );
  });

  it('prints the launcher and java -jar runs with the settings as environment variables', () => {
    expect(installCommand(input('launcher', { dataDir: './vectorflow-agent-data', vectorBin: '/opt/vector/bin/vector' }))).toBe(
      'VF_URL=https://vf.example.com VF_TOKEN=vf_enroll_0123abcd VF_DATA_DIR=./vectorflow-agent-data VF_VECTOR_BIN=/opt/vector/bin/vector packaging/agent/vectorflow-agent run',
    );
    expect(installCommand(input('java', { dataDir: ' /tmp/a ' }))).toBe(
      'VF_URL=https://vf.example.com VF_TOKEN=vf_enroll_0123abcd VF_DATA_DIR=/tmp/a java -jar agent-runtime/target/vectorflow-agent.jar run',
    );
  });

  it('quotes what a shell would otherwise read: spaces, quotes, dollars, globs', () => {
    expect(shellWord('/usr/bin/vector')).toBe('/usr/bin/vector');
    expect(shellWord('')).toBe("''");
    expect(shellWord("it's $HOME/*")).toBe("'it'\\''s $HOME/*'");
    expect(shellWord('a;rm -rf /')).toBe("'a;rm -rf /'");
  });

  it('refuses paths the chosen way of running cannot use', () => {
    expect(pathProblem('The data directory', 'relative/dir', 'systemd')).toMatch(/absolute/);
    expect(pathProblem('The data directory', '/home/me/vf', 'systemd')).toMatch(/home directory/);
    expect(pathProblem('The data directory', '/etc', 'systemd')).toMatch(/\/etc/);
    expect(pathProblem('The data directory', 'relative/dir', 'launcher')).toBeUndefined();
    expect(pathProblem('The Vector binary', '/usr/bin/vector', 'systemd')).toBeUndefined();
    expect(pathProblem('The Vector binary', 'a\nb', 'java')).toMatch(/one line/);
    expect(pathProblem('The data directory', '', 'systemd')).toBeUndefined();
  });
});

describe('copyOrSelect', () => {
  it('puts the text on the clipboard when the page may', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    const select = vi.fn();
    expect(await copyOrSelect('cmd', { writeText }, select)).toBe('copied');
    expect(writeText).toHaveBeenCalledWith('cmd');
    expect(select).not.toHaveBeenCalled();
  });

  it('selects the text instead when there is no clipboard (plain http) or it is refused', async () => {
    const select = vi.fn();
    expect(await copyOrSelect('cmd', undefined, select)).toBe('selected');
    expect(await copyOrSelect('cmd', { writeText: () => Promise.reject(new Error('denied')) }, select)).toBe('selected');
    expect(select).toHaveBeenCalledTimes(2);
  });
});
