import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { originFromPreset } from '../../../src/lab/lab-origin.js';
import { parseLessonText } from '../../../src/lesson/format/load.js';
import { SandboxDriver } from '../../../src/ui/sandbox/sandbox-driver.js';
import { transcriptItems, transcriptText } from '../../../src/ui/sandbox/transcript.js';

function driver(cwd = mkdtempSync(join(tmpdir(), 'rt-sandbox-'))) {
  return new SandboxDriver(originFromPreset(), { label: 'three-node-async', cwd });
}

function applied(d: SandboxDriver, line: string) {
  const r = d.submit(line);
  if (r.kind !== 'applied') throw new Error(`${line}: ${JSON.stringify(r)}`);
  return r.entry;
}

const transcript = (d: SandboxDriver) =>
  transcriptText(transcriptItems(d.live.log, d.notes, d.labels()));

describe('SandboxDriver', () => {
  it('plays the lost tweet: a read of replica-2 after the write is stale, later it is not', () => {
    const d = driver();
    applied(d, 'write tweet hello');
    d.advanceTo(1000);
    const first = applied(d, 'read tweet from replica-2');
    d.awaitAnswer(first);
    expect(first.result).toMatch(/→ nothing/);
    expect(d.labels().get(first.opId!)).toContain('stale');
    d.advanceTo(7000);
    const second = applied(d, 'read tweet from replica-2');
    d.awaitAnswer(second);
    expect(second.result).toMatch(/→ "hello"/);
    expect(d.labels().get(second.opId!) ?? []).toEqual([]);
    const lines = transcript(d);
    expect(
      lines.some((l) => /› read tweet from replica-2 {2}⚠ stale.*: read "tweet"/.test(l)),
    ).toBe(true);
  });

  it('a refused line changes nothing: not in the log, the trace unchanged', () => {
    const d = driver();
    applied(d, 'crash replica-1');
    const before = { hash: d.live.stateHash(), log: d.live.log.length, version: d.version };
    for (const line of ['crash replca-1', 'crash replica-1', 'heal', 'frobnicate', ':frob']) {
      const r = d.submit(line);
      expect(r.kind).toBe('refused');
    }
    expect(d.live.stateHash()).toBe(before.hash);
    expect(d.live.log).toHaveLength(before.log);
    const r = d.submit('crash replca-1');
    expect(r.kind === 'refused' && r.error).toMatchObject({
      message: expect.stringContaining('did you mean "replica-1"'),
      from: 6,
      to: 14,
    });
  });

  it('ticks wall time at the speed given', () => {
    const d = driver();
    d.tick(100, 1);
    expect(d.live.now).toBe(100);
    d.tick(100, 10);
    expect(d.live.now).toBe(1100);
    d.tick(50, 0.1);
    expect(d.live.now).toBe(1105);
  });

  it(':save writes a lesson that loads, names the file, and counts nothing unsaved after', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rt-sandbox-'));
    const d = driver(cwd);
    applied(d, 'write tweet hello');
    d.advanceTo(2000);
    expect(d.unsaved).toBe(1);
    const r = d.submit(':save lost.yaml');
    expect(r).toMatchObject({ kind: 'colon', command: { kind: 'save' } });
    const file = join(cwd, 'lost.yaml');
    expect(r.kind === 'colon' && r.message).toContain(file);
    expect(d.unsaved).toBe(0);
    const loaded = parseLessonText(readFileSync(file, 'utf8'), file);
    expect(loaded.ok).toBe(true);
    // An existing file is kept unless :save! says otherwise.
    applied(d, 'crash replica-1');
    const again = d.submit(':save lost.yaml');
    expect(again).toMatchObject({ kind: 'colon', failed: true });
    expect(again.kind === 'colon' && again.message).toMatch(/already exists.*:save! replaces it/);
    expect(d.submit(':save! lost.yaml')).toMatchObject({ kind: 'colon' });
    expect(readFileSync(file, 'utf8')).toContain('crash: replica-1');
  });

  it(':save into a folder that does not exist fails in one line and writes nothing', () => {
    const d = driver();
    const r = d.submit(':save no/such/dir/x.yaml');
    expect(r).toMatchObject({ kind: 'colon', failed: true });
    expect(r.kind === 'colon' && r.message).toMatch(/folder does not exist/);
    expect(transcript(d).at(-1)).toMatch(/^✗ cannot save/);
  });

  it('rewinds: later commands are undone, the notes say so, time goes back', () => {
    const d = driver();
    applied(d, 'write tweet hello');
    d.advanceTo(3000);
    applied(d, 'crash replica-1');
    d.advanceTo(4000);
    const r = d.submit(':rewind 2s');
    expect(r.kind === 'colon' && r.message).toMatch(/rewound 2s to t=2\.000s; 1 command undone/);
    expect(d.live.now).toBe(2000);
    expect(d.live.log.map((e) => e.text)).toEqual(['write tweet hello']);
    expect(d.snapshot().nodes.find((n) => n.id === 'replica-1')?.status).not.toBe('down');
    expect(d.lag.every((s) => s.t <= 2000)).toBe(true);
  });

  it('steps to the next event and back to the one before; not before the start', () => {
    const d = driver();
    expect(d.stepEvent()).toBe(false);
    expect(d.stepBack()).toBeUndefined();
    applied(d, 'write tweet hello');
    expect(d.stepEvent()).toBe(true);
    const t = d.live.now;
    expect(t).toBeGreaterThan(0);
    expect(d.stepBack()).toMatch(/rewound/);
    expect(d.live.now).toBeLessThan(t);
  });

  it('keeps a file with the same name untouched when :save is refused', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rt-sandbox-'));
    writeFileSync(join(cwd, 'mine.yaml'), 'precious');
    const d = driver(cwd);
    d.submit(':save mine.yaml');
    expect(readFileSync(join(cwd, 'mine.yaml'), 'utf8')).toBe('precious');
    expect(existsSync(join(cwd, 'mine.yml'))).toBe(false);
  });
});
