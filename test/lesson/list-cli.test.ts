// `replication-tutor list` through the built CLI (the tests' global setup builds dist/), with
// $REPLICATION_TUTOR_LESSONS pointing at a temporary lessons folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../run-cli.js';
import { lessonText } from './lesson-text.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rt-list-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const list = (args: string[] = [], env: Record<string, string> = {}) =>
  runBuiltCli(['list', ...args], {
    env: { REPLICATION_TUTOR_LESSONS: dir, COLUMNS: '80', ...env },
  });

function writeCurriculum(): void {
  writeFileSync(
    join(dir, 'b.yaml'),
    lessonText({
      id: 'split-brain',
      title: 'Split Brain',
      order: 20,
      minutes: 9,
      summary: 'Two leaders, one partition, and the writes that vanish when it heals.',
    }),
  );
  writeFileSync(
    join(dir, 'a.yaml'),
    lessonText({
      id: 'lost-tweet',
      title: 'The Lost Tweet',
      order: 10,
      minutes: 8,
      summary: 'Read your own writes.',
    }),
  );
}

describe('replication-tutor list', () => {
  it('prints the lessons in curriculum order as an aligned table with summaries that fit', () => {
    writeCurriculum();
    const r = list();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        ' #  id           title           minutes  summary',
        ' 3  lost-tweet   The Lost Tweet        8  Read your own writes.',
        '11  split-brain  Split Brain           9  Two leaders, one partition, and the w…',
        '',
      ].join('\n'),
    );
  });

  it('drops the summary column when the terminal is too narrow for it', () => {
    writeCurriculum();
    const r = list([], { COLUMNS: '50' });
    expect(r.stdout.split('\n')[0]).toBe(' #  id           title           minutes');
    expect(r.stdout).not.toContain('Read your own writes');
  });

  it('prints a JSON array with --json', () => {
    writeCurriculum();
    const r = list(['--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: 'lost-tweet',
        title: 'The Lost Tweet',
        order: 10,
        number: 3,
        part: 'Part 1 — Leaders and followers',
        minutes: 8,
        topics: ['replication-lag'],
        summary: 'Read your own writes.',
      },
      {
        id: 'split-brain',
        title: 'Split Brain',
        order: 20,
        number: 11,
        part: 'Part 2 — When the leader fails',
        minutes: 9,
        topics: ['replication-lag'],
        summary: 'Two leaders, one partition, and the writes that vanish when it heals.',
      },
    ]);
  });

  it('prints the errors of a broken lesson file and exits 2, without a stack trace', () => {
    writeCurriculum();
    const file = join(dir, 'c.yaml');
    writeFileSync(file, lessonText({ id: 'broken' }).replace('lag: 2s', 'lag: fast'));
    const r = list();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}:7:44: cluster.nodes[1].lag: expected a duration like 250ms, 2s, 1m or 6h, found "fast"`,
      `replication-tutor: 1 lesson file has errors in ${dir}`,
    ]);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+\)?$/m);
  });

  it('says so when there are no lessons, and exits 0', () => {
    const r = list();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`no lessons found in ${dir}\n`);
    expect(list(['--json']).stdout).toBe('[]\n');
  });

  it('rejects arguments it does not take', () => {
    const r = list(['lost-tweet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('too many arguments');
  });

  it('lists the bundled curriculum by default', () => {
    const r = runBuiltCli(['list', '--json'], { env: { REPLICATION_TUTOR_LESSONS: undefined } });
    expect(r.status).toBe(0);
    const numbers = (JSON.parse(r.stdout) as { number: number }[]).map((l) => l.number);
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});
