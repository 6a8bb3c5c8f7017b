// The JSON Schema of the lesson file, for editor autocomplete and validation
// (`# yaml-language-server: $schema=../schema/lesson.schema.json`). Generated from the zod
// schema's INPUT side, so it describes the YAML authors write, not the normalised output.
// `npm run schema` writes it to schema/lesson.schema.json; a test keeps that file current.
import { z } from 'zod';
import { lessonSchema } from './schema.js';

export function lessonJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(lessonSchema, { io: 'input', target: 'draft-2020-12' });
  // A cluster lists nodes, or shards each listing its own (a refinement zod cannot export).
  const cluster = (schema.properties as Record<string, Record<string, unknown>> | undefined)
    ?.cluster;
  if (cluster) cluster.anyOf = [{ required: ['nodes'] }, { required: ['shards'] }];
  return schema;
}

/** The file's exact text: two-space indent and a final newline. */
export function lessonJsonSchemaText(): string {
  return `${JSON.stringify(lessonJsonSchema(), null, 2)}\n`;
}
