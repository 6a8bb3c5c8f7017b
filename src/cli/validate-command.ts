// `replication-tutor validate [paths...]`: schema, cross-checks and headless runs over 20
// seeds for each lesson file (default: the bundled lessons, and the quiz bank in
// lessons/quiz/, whose files are checked as bank files). `file:line:col: message`; exit 1
// on any failure.
import { displayPath, lessonFiles } from '../lesson/catalog/catalog.js';
import { lessonsDir } from '../lesson/catalog/lesson-paths.js';
import { validateFile } from '../lesson/catalog/validate.js';
import { formatProblem } from '../lesson/format/load.js';
import { quizDir } from '../quiz/bank.js';
import { isBankPath, runBankValidation } from '../quiz/bank-validate.js';
import { UsageError } from './usage-error.js';

export async function runValidateCommand(
  paths: string[],
  opts: { quiet?: boolean },
): Promise<number> {
  let files = paths.filter((p) => !isBankPath(p));
  let banks = paths.filter(isBankPath);
  if (paths.length === 0) {
    const dir = lessonsDir();
    files = ((await lessonFiles(dir)) ?? []).map((f) => displayPath(f));
    if (files.length === 0) throw new UsageError(`no lesson files found in ${displayPath(dir)}`);
    banks = ((await lessonFiles(quizDir(dir))) ?? []).map((f) => displayPath(f));
  }
  let failed = 0;
  let warnings = 0;
  for (const file of files) {
    const report = await validateFile(file);
    for (const e of report.errors) process.stdout.write(`${formatProblem(e)}\n`);
    for (const w of report.warnings) {
      warnings++;
      if (!opts.quiet)
        process.stdout.write(`${formatProblem({ ...w, message: `warning: ${w.message}` })}\n`);
    }
    if (report.errors.length > 0) failed++;
    else if (!opts.quiet)
      process.stdout.write(`${file}: ok (${report.lesson?.id}, ${report.seeds.length} seeds)\n`);
  }
  const summary = `${files.length - failed} of ${files.length} lesson file(s) valid${warnings ? `, ${warnings} warning(s)` : ''}`;
  if (files.length > 0 || banks.length === 0) process.stdout.write(`${summary}\n`);
  if (banks.length > 0)
    failed += await runBankValidation(banks, opts, (line) => process.stdout.write(`${line}\n`));
  return failed > 0 ? 1 : 0;
}
