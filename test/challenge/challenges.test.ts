// The challenges graded in this process (no worker): every reference solution passes every
// seed, every starter fails with a small shrunk counterexample, a fixed starter passes, and
// the policy only ever sees frozen plain copies.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Challenge } from '../../src/challenge/challenge.js';
import { challengeCase } from '../../src/challenge/challenge-case.js';
import { CHALLENGES, challengeById } from '../../src/challenge/challenges/index.js';
import { DEFAULT_SEEDS, grade } from '../../src/challenge/grade.js';
import type { Policy, RouterPolicy } from '../../src/challenge/policy-types.js';
import { fixStarter } from './starter-fixes.js';

const dir = mkdtempSync(join(tmpdir(), 'rt-challenge-'));

async function loadSource(name: string, source: string): Promise<Policy> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as Policy;
}

describe.each(CHALLENGES.map((c) => [c.id, c] as const))('%s', (_id, challenge: Challenge) => {
  it(`the reference solution passes all ${DEFAULT_SEEDS} seeds`, () => {
    const r = grade(challenge, challenge.reference, { compare: false });
    expect(r.status === 'passed' ? r.seeds : r).toBe(DEFAULT_SEEDS);
  }, 120_000);

  it('the starter fails with a shrunk counterexample of a handful of steps', async () => {
    const starter = await loadSource(`${challenge.id}-starter`, challenge.starter);
    const r = grade(challenge, starter, { seeds: 200, compare: false });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    const f = r.failure;
    expect(f.steps).toBeLessThanOrEqual(7);
    expect(f.steps).toBeLessThan(f.originalSteps);
    expect(f.violation.message.length).toBeGreaterThan(20);
    // The case printed step by step, and a picture of the same run.
    expect(f.lines.filter((l) => /^\s+\d+ ms {2}/.test(l)).length).toBe(f.steps + 1);
    expect(f.picture.nodes.length).toBeGreaterThanOrEqual(3);
    expect(f.picture.events.length).toBeGreaterThan(0);
    if (challenge.kind === 'router') {
      const read = f.picture.ops.find((o) => o.id === f.violation.op);
      expect(read?.kind).toBe('read');
    }
    // The same seed fails the same way again (what `challenge replay` relies on).
    const again = grade(challenge, starter, { seeds: 1, firstSeed: f.seed, compare: false });
    expect(again.status === 'failed' && again.failure.violation.message).toBe(f.violation.message);
  }, 60_000);

  it('the starter, fixed as the docstring asks, passes', async () => {
    const fixed = await loadSource(
      `${challenge.id}-fixed`,
      fixStarter(challenge.id, challenge.starter),
    );
    const r = grade(challenge, fixed, { seeds: 300, compare: false });
    expect(r.status).toBe('passed');
  });
});

describe('the challenges as listed', () => {
  it('say the limits they are graded with', () => {
    for (const c of CHALLENGES) {
      if (c.maxLagMs !== undefined) expect(c.summary).toContain(`${c.maxLagMs} ms`);
      if (c.maxLossEntries !== undefined)
        expect(c.summary).toContain(`${c.maxLossEntries} entries`);
      expect(c.starter).toContain(
        c.kind === 'router' ? 'export function route(' : 'export function choose(',
      );
    }
  });
});

describe('every router', () => {
  it('fails for a read sent to a node that is not ok while the leader is', () => {
    const ch = challengeById('bounded-staleness-router')!;
    const sick: RouterPolicy = {
      route: (read, nodes) => nodes.find((n) => n.health !== 'ok')?.id ?? read.leader,
    };
    const r = grade(ch, sick, { seeds: 100, compare: false });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.failure.violation.message).toMatch(
      /^\w+'s read of "[^"]+" at [\d.]+s went to n\d, which was [a-z-]+, while the leader n1 was ok$/,
    );
    expect(r.failure.violation.op).toBeDefined();
  });
});

describe('what a policy can reach', () => {
  const mono = challengeById('monotonic-reads')!;

  it('gets frozen plain copies with only the documented fields', () => {
    const seen: unknown[] = [];
    const spy: RouterPolicy = {
      route(read, nodes, session) {
        seen.push(read, nodes, nodes[0], session);
        return read.leader;
      },
    };
    grade(mono, spy, { seeds: 3, compare: false });
    const [read, nodes, node, session] = seen as [object, object, object, { device: object }];
    expect(Object.isFrozen(read) && Object.isFrozen(nodes) && Object.isFrozen(node)).toBe(true);
    expect(Object.isFrozen(session)).toBe(true);
    expect(Object.isFrozen(session.device)).toBe(false);
    expect(Object.keys(node).sort()).toEqual(
      ['appliedLsn', 'epoch', 'health', 'id', 'lagEntries', 'lagMs', 'receivedLsn', 'role'].sort(),
    );
    expect(Object.getPrototypeOf(node)).toBe(Object.prototype);
  });

  it('cannot change what it is given: the attempt is the run error, naming the seed', async () => {
    const sneaky = await loadSource(
      'sneaky',
      'export function route(read, nodes) { nodes[1].appliedLsn = 1e9; return nodes[1].id; }',
    );
    const r = grade(mono, sneaky, { seeds: 5, compare: false, sourceHint: 'sneaky.mjs' });
    expect(r.status).toBe('error');
    if (r.status !== 'error') return;
    expect(r.seed).toBe(1);
    expect(r.message).toMatch(/^route threw TypeError: .*read only.*\(at sneaky\.mjs:1:\d+\)$/);
  });

  it('an answer that is no node id stops the run with what was expected', () => {
    const r = grade(mono, { route: () => 'n42' }, { seeds: 2, compare: false });
    expect(r).toMatchObject({ status: 'error', seed: 1 });
    expect(r.status === 'error' && r.message).toMatch(
      /route returned "n42", not a node id \(n1, n2/,
    );
  });
});

describe('the graded cases', () => {
  it('routing cases keep one history: no failover, no log rewrites, every read routed', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const c = challengeCase(seed, 'routing');
      expect(c.config.failover).toBeUndefined();
      for (const s of c.steps) {
        expect(['wipe', 'restore', 'resync', 'promote']).not.toContain(s.cmd.type);
        if (s.cmd.type === 'set-cluster') {
          expect(Object.keys(s.cmd.params)).not.toContain('quorum');
          expect(Object.keys(s.cmd.params)).not.toContain('fencing');
        }
        if (s.cmd.type === 'read') expect(s.cmd.from).toBe('route');
      }
    }
  });

  it('failover cases turn automatic failover on and make the leader fail', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const c = challengeCase(seed, 'failover');
      expect(c.config.failover?.auto).toBe(true);
      expect(
        c.steps.some(
          (s) => (s.cmd.type === 'crash' || s.cmd.type === 'pause') && s.cmd.node === 'n1',
        ),
      ).toBe(true);
    }
  });
});
