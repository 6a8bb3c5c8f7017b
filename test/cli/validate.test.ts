import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../run-cli.js';

// Every lesson file shipped in lessons/ (the answers and quiz folders hold other files).
const shipped = readdirSync('lessons').filter((f) => f.endsWith('.yaml')).length;
const banks = readdirSync('lessons/quiz').filter((f) => f.endsWith('.yaml')).length;

describe('validate', () => {
  // The whole curriculum, every path, 20 seeds: about 30 s of CPU, far more on a busy machine.
  it('passes the bundled lessons over 20 seeds, and the question bank', () => {
    const r = runBuiltCli(['validate'], { timeout: 300_000 });
    expect(r.stdout).toContain('lessons/lost-tweet.yaml: ok (lost-tweet, 20 seeds)');
    expect(shipped).toBeGreaterThanOrEqual(3);
    expect(r.stdout).toContain(`${shipped} of ${shipped} lesson file(s) valid`);
    // The default run checks lessons/quiz/*.yaml too.
    expect(r.stdout).toMatch(
      new RegExp(`^${banks} of ${banks} quiz bank file\\(s\\) valid \\(\\d+ questions\\)$`, 'm'),
    );
    expect(r.status).toBe(0);
  }, 320_000);

  it('fails a lesson whose expect does not hold, naming file:line:col and the seeds', () => {
    const r = runBuiltCli(['validate', 'test/fixtures/runtime/false-claim.yaml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'test/fixtures/runtime/false-claim.yaml:13:13: step #2: expected value null, got "v" (on every seed)',
    );
    expect(r.stdout).toContain('step #2: expected stale true, got false (on every seed)');
    expect(r.stdout).toContain(
      'false-claim.yaml:15:5: step c-route: choose: no option meets the goal (on every seed)',
    );
    expect(r.stdout).toContain('0 of 1 lesson file(s) valid');
  });

  it('fails a branch whose wrong answer breaks a later expect, naming step = answer', () => {
    const r = runBuiltCli(['validate', '--quiet', 'test/fixtures/runtime/branch-breaks.yaml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      'test/fixtures/runtime/branch-breaks.yaml:23:13: step r-after: expected anomalies.stale-read 0, got 1 (path c-read = replica-2, on every seed)\n' +
        '0 of 1 lesson file(s) valid, 2 warning(s)\n',
    );
  });

  it('fails a lesson that does not load, with exit 1', () => {
    const r = runBuiltCli(['validate', 'no/such/lesson.yaml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('no/such/lesson.yaml: cannot read: no such file');
  });
});
