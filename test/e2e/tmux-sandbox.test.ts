// The built binary's sandbox in a real terminal (tmux, 80×24): the lost tweet typed at the
// command line (a write, a read of the replica 5 s behind: stale; Tab completing the node),
// a mistyped node refused with its did-you-mean, `:save` in the working folder (the file
// validates), then Esc, q and y: exit status 0. Polls the screen instead of fixed sleeps.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliNode, cliPath, repoRoot, runBuiltCli } from '../run-cli.js';
import { hasTmux, sleep, tmux, waitForScreen } from './tmux-driver.js';

const session = `rt-e2e-sandbox-${process.pid}-${Date.now()}`;
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-e2e-sandbox-'));
const exitFile = path.join(home, 'exit');

const waitFor = (test: (s: string) => boolean, what: string, timeout = 15000) =>
  waitForScreen(session, test, what, timeout);

/** Types text literally (one key at a time, as a person would), then waits a moment. */
async function typeText(text: string): Promise<void> {
  tmux('send-keys', '-t', session, '-l', text);
  await waitFor((s) => s.includes(text), `"${text}" in the line`);
}

const key = async (k: string) => {
  tmux('send-keys', '-t', session, k);
  await sleep(150);
};

describe.skipIf(!hasTmux)('the sandbox in a real terminal (tmux)', () => {
  beforeAll(() => {
    if (!fs.existsSync(cliPath))
      spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot });
    const cmd = `env CI=false REPLICATION_TUTOR_HOME='${home}' '${cliNode}' '${cliPath}' sandbox; echo EXIT=$? > '${exitFile}'; sleep 60`;
    tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', '-c', home, cmd);
  });

  afterAll(() => {
    spawnSync('tmux', ['kill-session', '-t', session]);
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('types the lost tweet, sees the stale read, saves the session, leaves', async () => {
    let s = await waitFor((x) => x.includes('Sandbox · preset three-node-async'), 'the sandbox');
    expect(s).toContain('type a command');
    expect(s.trimEnd().split('\n').length).toBeLessThanOrEqual(23);

    await typeText('write tweet hello');
    await key('Enter');
    await waitFor((x) => x.includes('acknowledged by primary at LSN 1'), 'the write acknowledged');

    // Tab completes the node: "rep" → "replica-", Tab again cycles to replica-1, replica-2.
    await typeText('read tweet from rep');
    await key('Tab');
    s = await waitFor((x) => x.includes('Tab: replica-1  replica-2'), 'the candidates');
    await key('Tab');
    await key('Tab');
    await waitFor((x) => x.includes('› read tweet from replica-2'), 'replica-2 completed');
    await key('Enter');
    s = await waitFor((x) => x.includes('⚠ stale'), 'the stale read');
    expect(s).toMatch(/read "tweet" on replica-2 → nothing/);
    expect(s).toMatch(/⚠ stale.* you read tweet = null from replica-2/);

    // A typo changes nothing and says what was meant.
    await typeText('crash replca-1');
    await key('Enter');
    s = await waitFor((x) => x.includes('did you mean "replica-1"'), 'the error');
    expect(s).toContain('^^^^^^^^');
    await key('C-u');

    // After replica-2's 5 s of lag the same read finds the tweet.
    await typeText('wait 6s');
    await key('Enter');
    await typeText('read tweet from replica-2');
    await key('Enter');
    await waitFor((x) => x.includes('→ "hello"'), 'the tweet on replica-2');

    await typeText(':save lost.yaml');
    await key('Enter');
    await waitFor((x) => x.includes('saved '), 'the save');
    const file = path.join(home, 'lost.yaml');
    expect(fs.existsSync(file)).toBe(true);
    expect(runBuiltCli(['validate', file]).status).toBe(0);

    await key('Escape');
    await key('q');
    for (let i = 0; i < 200 && !fs.existsSync(exitFile); i++) await sleep(50);
    expect(fs.readFileSync(exitFile, 'utf8').trim()).toBe('EXIT=0');
  });
});
