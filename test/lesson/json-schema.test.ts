// schema/lesson.schema.json is generated (npm run schema); this keeps it from going stale
// and checks it describes the YAML authors write.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonJsonSchema, lessonJsonSchemaText } from '../../src/lesson/format/json-schema.js';
import { STEP_KINDS } from '../../src/lesson/format/vocab.js';
import { repoRoot } from '../run-cli.js';

interface JsonSchema {
  $schema?: string;
  type?: string;
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, JsonSchema & { description?: string }>;
  items?: JsonSchema;
  $defs?: Record<string, JsonSchema & { oneOf?: { required: string[] }[] }>;
  anyOf?: JsonSchema[];
  pattern?: string;
}

const schema = lessonJsonSchema() as JsonSchema;

describe('lesson JSON Schema', () => {
  it('matches the checked-in file (run `npm run schema` after changing the zod schema)', () => {
    const checkedIn = readFileSync(join(repoRoot, 'schema/lesson.schema.json'), 'utf8');
    expect(checkedIn).toBe(lessonJsonSchemaText());
  });

  it('is a draft 2020-12 schema of a strict map', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['id', 'title', 'cluster', 'steps']);
  });

  it('describes the input shape: durations as strings with units or numbers', () => {
    const nodes = schema.properties?.cluster?.properties?.nodes?.items;
    const replay = nodes?.properties?.replay;
    expect(replay?.anyOf?.map((s) => s.type)).toEqual(['number', 'string']);
    expect(new RegExp(replay?.anyOf?.[1]?.pattern ?? '^$').test('250ms')).toBe(true);
    expect(nodes?.properties?.role?.description).toMatch(/replica/);
  });

  it('offers every step kind, exactly one per step', () => {
    const step = schema.$defs?.step;
    expect(Object.keys(step?.properties ?? {})).toEqual(
      expect.arrayContaining([...STEP_KINDS, 'id', 'expect', 'note', 'hint']),
    );
    expect(step?.oneOf).toEqual(STEP_KINDS.map((k) => ({ required: [k] })));
    expect(step?.additionalProperties).toBe(false);
  });

  it('documents the important keys', () => {
    const described = Object.entries(schema.properties ?? {}).filter(([, v]) => v.description);
    expect(described.map(([k]) => k)).toEqual(
      expect.arrayContaining(['id', 'order', 'minutes', 'summary', 'objectives', 'seed']),
    );
  });
});
