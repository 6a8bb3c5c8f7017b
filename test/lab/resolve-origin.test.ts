import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOrigin } from '../../src/lab/resolve-origin.js';
import { repoRoot } from '../run-cli.js';

describe('where a session starts, from an argument', () => {
  it('is the default preset, a preset, or a lesson at a step', async () => {
    const none = await resolveOrigin(undefined);
    expect(none.ok && [none.label, none.origin.source]).toEqual([
      'three-node-async',
      { kind: 'preset', name: 'three-node-async' },
    ]);
    const cascade = await resolveOrigin('cascade', { seed: 9 });
    expect(cascade.ok && cascade.origin.lesson.seed).toBe(9);
    const lesson = await resolveOrigin('lost-tweet', { step: 3 });
    expect(lesson.ok && lesson.label).toBe('lost-tweet');
    expect(lesson.ok && lesson.origin.source).toMatchObject({
      kind: 'lesson',
      id: 'lost-tweet',
      step: 3,
    });
    const file = await resolveOrigin(join(repoRoot, 'lessons/gitlab-2017.yaml'));
    expect(file.ok && file.origin.lesson.cluster.nodes.map((n) => n.id)).toEqual(['db1', 'db2']);
  });

  it('says what was meant, or what is wrong with the file', async () => {
    expect(await resolveOrigin('cascde')).toEqual({
      ok: false,
      message: 'unknown preset "cascde" (did you mean "cascade"?)',
      problems: [],
    });
    const id = await resolveOrigin('lost-twet');
    expect(!id.ok && id.message).toMatch(
      /^unknown lesson "lost-twet" \(did you mean "lost-tweet"\? .*\); presets: three-node-async, sync-pair, cascade, five-node-quorum-failover, dynamo-style, multi-leader$/,
    );
    const dir = join(repoRoot, 'test/fixtures/broken');
    const broken = join(dir, readdirSync(dir).find((f) => f.endsWith('.yaml'))!);
    const r = await resolveOrigin(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.message).toMatch(/the lesson has \d+ error\(s\)/);
    }
  });
});
