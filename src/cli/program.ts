import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { nearest } from '../lesson/format/suggest.js';
import { safeText } from '../lesson/format/terminal-text.js';
import { PROGRESS_DESCRIPTION, PROGRESS_HELP } from '../progress/progress-help.js';
import { SANDBOX_HELP } from './sandbox-help.js';
import { SERVE_HELP } from './serve-help.js';
import { UsageError } from './usage-error.js';

/** Exit codes: 0 success, 1 a check failed (e.g. validate), 2 bad usage or bad input. */
export const EXIT_USAGE = 2;

function buildProgram(): Command {
  const program = new Command();
  program
    .name('replication-tutor')
    .description(
      'Learn database replication by doing: break a simulated cluster and watch what happens.',
    )
    .version(pkg.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--no-color', 'disable colours (also honours NO_COLOR)'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // One line for the error, then the usage hint; never a stack trace.
      outputError: (str, write) => write(str.trimEnd() + '\n'),
    })
    .allowExcessArguments(true)
    .action(async () => {
      const [word] = program.args;
      if (word !== undefined) {
        const near = nearest(
          word,
          program.commands.map((c) => c.name()),
        );
        program.error(
          `error: unknown command '${word}'${near ? ` (did you mean '${near}'?)` : ''}`,
          {
            code: 'commander.unknownCommand',
            exitCode: EXIT_USAGE,
          },
        );
      }
      // The tutor itself: the menu (Ink in a terminal, numbered lines otherwise).
      const { runTutor } = await import('./plain-menu.js');
      process.exitCode = await runTutor();
    });
  program
    .command('play')
    .description('play a lesson (interactive in a terminal; plain text when piped)')
    .argument('<lesson>', 'a lesson id (see `list`) or a path to a lesson file')
    .option('--seed <n>', "seed for the simulator (default: the lesson's own)")
    .option('--answers <file>', 'answer questions from a YAML file (step id: choice)')
    .option('--json', 'print every executed step as a JSON line')
    .option('--plain', 'plain line mode: numbered choices read from standard input')
    .option('--restart', 'start from the beginning instead of resuming')
    .allowExcessArguments(false)
    .action(async (lesson: string, opts: import('./play-command.js').PlayOptions) => {
      const { runPlayCommand } = await import('./play-command.js');
      await runPlayCommand(lesson, opts);
    });
  program
    .command('validate')
    .description('check lesson files: schema, cross-checks, and headless runs over 20 seeds')
    .argument('[paths...]', 'lesson files (default: the bundled lessons)')
    .option('-q, --quiet', 'print only errors')
    .action(async (paths: string[], opts: { quiet?: boolean }) => {
      const { runValidateCommand } = await import('./validate-command.js');
      process.exitCode = await runValidateCommand(paths, opts);
    });
  program
    .command('progress')
    .description(PROGRESS_DESCRIPTION)
    .option('--json', 'print the whole progress file as JSON')
    .addOption(
      new Option('--reset [lesson]', 'forget one lesson, or every lesson').conflicts('json'),
    )
    .addHelpText('after', PROGRESS_HELP)
    .allowExcessArguments(false)
    .action(async (opts: { json?: boolean; reset?: boolean | string }) => {
      const { runProgressCommand } = await import('./progress-command.js');
      runProgressCommand(opts);
    });
  program
    .command('list')
    .description('list the lessons in curriculum order')
    .option('--json', 'print the lessons as a JSON array')
    .allowExcessArguments(false)
    .action(async (opts: { json?: boolean }) => (await import('./list-command.js')).runList(opts));
  program
    .command('sandbox')
    .description('a live cluster to break by typing commands, from a preset or any lesson')
    .argument(
      '[lesson-or-preset]',
      'a preset (default three-node-async), a lesson id or a lesson file',
    )
    .option(
      '--step <n>',
      'open a lesson at step n (the steps before played with the reference answers)',
    )
    .option('--seed <n>', "seed for the simulator (default: the preset's or lesson's own)")
    .option('--plain', 'read commands line by line from standard input, print what happens')
    .addHelpText('after', SANDBOX_HELP)
    .allowExcessArguments(false)
    .action(async (arg: string | undefined, opts: import('./sandbox-command.js').SandboxFlags) => {
      const { runSandboxCommand } = await import('./sandbox-command.js');
      process.exitCode = await runSandboxCommand(arg, opts);
    });
  program
    .command('serve')
    .description('a live cluster for curl: every node an HTTP server on 127.0.0.1 (port 13000…)')
    .argument('[cluster]', 'a preset (default three-node-async), a lesson id or a lesson file')
    .option(
      '--port <n>',
      'port of the first node, the others follow (default 13000; 0: free ports)',
    )
    .option('--replicas <n>', 'a primary and n replicas instead of a preset')
    .option('--delay <d>', 'replica lag: one duration (5s), or one per replica (1s,5s)')
    .option('--mode <mode>', 'acknowledgement: async, sync or semi-sync')
    .option('--plain', 'one line per request instead of the live screen')
    .option('--quiet', 'plain, and print only the first line (the nodes and their URLs)')
    .addHelpText('after', SERVE_HELP)
    .allowExcessArguments(false)
    .action(async (cluster: string | undefined, opts: import('./serve-command.js').ServeFlags) => {
      const { runServeCommand } = await import('./serve-command.js');
      process.exitCode = await runServeCommand(cluster, opts);
    });
  program
    .command('quiz')
    .description('interview drill: timed, scored questions with spaced repetition')
    .option('--topic <topics>', 'only these curriculum topics (comma-separated)')
    .option('--count <n>', 'questions to ask (default 10)')
    .option('--time-limit <duration>', 'end the drill after this long, e.g. 10m')
    .option('--difficulty <levels>', 'easy, medium, hard or 1-3 (comma-separated)')
    .option('--plain', 'plain line mode: numbered choices read from standard input')
    .option('--seed <n>', 'seed for choosing and generating questions (default: the clock)')
    .option('--review', 'drill the questions due for review')
    .option('--export <file>', 'write the bank as Markdown')
    .option('--missed', 'with --export: only the questions last answered wrongly')
    .option('--list', 'list the bank, one question per line')
    .option('--json', 'with --list: JSON Lines')
    .allowExcessArguments(false)
    .action(async (opts: import('./quiz-command.js').QuizOptions) =>
      (await import('./quiz-command.js')).runQuizCommand(opts),
    );
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.help') return 0;
      process.stderr.write(`Run 'replication-tutor --help' for usage.\n`);
      return EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`replication-tutor: ${safeText(err.message)}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
