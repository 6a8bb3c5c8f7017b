// Writes schema/lesson.schema.json from the zod lesson schema. Run with `npm run schema`,
// which bundles this file with esbuild and pipes it to node (Node 20 cannot run TypeScript);
// npm runs scripts from the package root, hence process.cwd().
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonJsonSchemaText } from '../src/lesson/format/json-schema.js';

const out = join(process.cwd(), 'schema', 'lesson.schema.json');
writeFileSync(out, lessonJsonSchemaText());
process.stdout.write(`wrote ${out}\n`);
