// The install command the enrollment page prints (src/fleet/install.ts) checked against the files it names:
// install.sh's options and refusals, the launcher and the agent's settings, the jar's name.
import { accessSync, constants, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installCommand, INSTALL_CHOICES } from '../src/fleet/install.ts';

/** @param {string} path */
const repo = (path) => new URL(`../../${path}`, import.meta.url);
/** @param {string} path */
const read = (path) => readFileSync(repo(path), 'utf8');
/** @param {'systemd' | 'launcher' | 'java'} mode @param {{ dataDir?: string, vectorBin?: string }} more */
const command = (mode, more = {}) =>
  installCommand({ mode, url: 'https://vf.example.com', token: 'vf_enroll_0123abcd', dataDir: '', vectorBin: '', ...more });

describe('the printed install command', () => {
  it('uses only options install.sh accepts, and install.sh refuses the data directories the page refuses', () => {
    const script = read('packaging/agent/install.sh');
    const accepted = new Set([...script.matchAll(/^\s+(--[a-z-]+)\)/gm)].map((m) => m[1]));
    const used = command('systemd', { dataDir: '/srv/vf', vectorBin: '/usr/bin/vector' }).match(/--[a-z-]+/g) ?? [];
    expect(used).toEqual(['--url', '--token', '--data-dir', '--vector-bin']);
    for (const option of used) expect(accepted).toContain(option);
    for (const dir of ['/usr', '/etc', '/boot', '/home', '/root', '/run/user']) expect(script).toContain(`${dir}|${dir}/*`);
    expect(script).toContain(`default_data_dir=${INSTALL_CHOICES[0]?.defaultDataDir}`);
  });

  it('sets only variables the agent reads, and runs programs that are where it says', () => {
    const settings = read('agent-runtime/src/main/java/dev/vectorflow/agent/AgentSettings.java');
    for (const mode of /** @type {const} */ (['launcher', 'java'])) {
      const variables = [...command(mode, { dataDir: '/d', vectorBin: '/v' }).matchAll(/\b(VF_[A-Z_]+)=/g)].map((m) => m[1]);
      expect(variables).toEqual(['VF_URL', 'VF_TOKEN', 'VF_DATA_DIR', 'VF_VECTOR_BIN']);
      for (const v of variables) expect(settings).toContain(`"${v}"`);
    }
    expect(command('launcher')).toContain('packaging/agent/vectorflow-agent run');
    accessSync(repo('packaging/agent/vectorflow-agent'), constants.X_OK);
    accessSync(repo('packaging/agent/install.sh'), constants.X_OK);
    expect(read('agent-runtime/pom.xml')).toContain('<finalName>vectorflow-agent</finalName>');
    expect(command('java')).toContain('java -jar agent-runtime/target/vectorflow-agent.jar run');
    expect(read('packaging/agent/vectorflow-agent')).toContain('data_dir=${VF_DATA_DIR:-/var/lib/vectorflow-agent}');
  });
});
