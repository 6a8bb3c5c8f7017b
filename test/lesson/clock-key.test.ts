// The optional `clock` key: when the story starts on the wall clock (the player shows times
// of day from it). A date and time with its UTC offset, quoted or not; anything else is a
// one-line error at the key.
import { describe, expect, it } from 'vitest';
import { formatProblem, parseLessonText } from '../../src/lesson/format/load.js';

const lesson = (clock: string) => `
id: clocked
title: Clocked
${clock}
cluster:
  nodes: [{id: a, role: leader}]
steps:
  - say: hi
`;

function parse(clock: string) {
  const r = parseLessonText(lesson(clock), 'clocked.yaml');
  return r.ok ? { lesson: r.lesson } : { errors: r.errors.map(formatProblem) };
}

describe('clock', () => {
  it('is optional', () => {
    expect(parse('').lesson?.clock).toBeUndefined();
  });

  it.each([
    'clock: {start: "2017-01-31T17:00:00Z"}',
    'clock: {start: 2017-01-31T17:00:00Z}',
    'clock: {start: "2017-01-31T18:00+01:00"}',
  ])('accepts %s', (line) => {
    expect(parse(line).lesson?.clock?.start).toMatch(/^2017-01-31T1[78]:00/);
  });

  it.each([
    [
      'clock: {start: "22:00"}',
      'clocked.yaml:4:16: clock.start: expected a date and time with its UTC offset, like "2017-01-31T17:00:00Z", found "22:00"',
    ],
    [
      'clock: {start: "2017-01-31T17:00:00"}',
      'clock.start: expected a date and time with its UTC offset',
    ],
    [
      'clock: {start: "2017-13-45T17:00:00Z"}',
      'clock.start: expected a date and time with its UTC offset',
    ],
    [
      'clock: {begin: "2017-01-31T17:00:00Z"}',
      'clock.begin: unknown key "begin" (allowed here: start)',
    ],
  ])('rejects %s', (line, message) => {
    expect(parse(line).errors?.join('\n')).toContain(message);
  });
});
