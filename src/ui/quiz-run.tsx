// Entry of the drill's terminal UI, imported lazily by `quiz` (so the plain mode and --help
// never load React or Ink). Resolves once the UI has unmounted; answers are saved as they
// are given, so nothing is lost on Ctrl-C.
import { render } from 'ink';
import type { Drill } from '../quiz/drill.js';
import type { ReportContext } from '../quiz/report.js';
import { QuizApp, type QuizExit } from './quiz-app.js';
import { applyColorChoice, colorWanted } from './theme.js';
import { ThemeContext } from './use-theme.js';

export interface QuizTuiOptions {
  drill: Drill;
  header: string;
  timeLimit?: string;
  lessonAvailable: ReportContext['lessonAvailable'];
  nextDue?: () => string | undefined;
}

export async function runQuizTui(o: QuizTuiOptions): Promise<void> {
  const theme = applyColorChoice(colorWanted(process.env, process.argv));
  let reason = 'quit' as QuizExit;
  const instance = render(
    <ThemeContext value={theme}>
      <QuizApp
        drill={o.drill}
        title={o.drill.questions.length > 0 ? 'Interview drill' : 'Drill'}
        report={{ lessonAvailable: o.lessonAvailable, timeLimit: o.timeLimit, nextDue: o.nextDue }}
        onExit={(r) => {
          reason = r;
        }}
      />
    </ThemeContext>,
    { exitOnCtrlC: false },
  );
  const onSignal = () => {
    reason = 'interrupt';
    instance.unmount();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
  if (reason === 'interrupt') {
    o.drill.stop('quit');
    process.exitCode = 130;
  }
  process.stdout.write(`${o.header}\n`);
}
