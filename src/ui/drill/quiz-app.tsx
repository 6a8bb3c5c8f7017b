// The drill in the terminal: a progress line, the question, feedback after each answer and
// a final report. The Drill object (src/quiz/drill.ts) holds every rule; this view only turns
// keys into its calls and re-renders. Time is wall time, read from `clock`.
import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import type { Answer, Verdict } from '../../quiz/ask.js';
import type { Drill } from '../../quiz/drill.js';
import type { ReportContext } from '../../quiz/report.js';
import { isTooSmall, TooSmall } from '../screen/too-small.js';
import { useWindowSize } from '../screen/use-window-size.js';
import { useTheme } from '../theme/use-theme.js';
import { QuizProgressBar } from './quiz-progress-bar.js';
import { answeredPage, answeredRows, pageScroll, QuizQuestion } from './quiz-question.js';
import { QuizReport } from './quiz-report.js';

export type QuizExit = 'quit' | 'interrupt';

export const QUIZ_MIN_WINDOW = { columns: 60, rows: 16 };

type Phase =
  | { kind: 'question'; index: number }
  | { kind: 'feedback'; verdict: Verdict; chosen?: number; scroll: number }
  | { kind: 'report' };

export interface QuizAppProps {
  drill: Drill;
  title: string;
  report: Omit<ReportContext, 'nextDue'> & { nextDue?: () => string | undefined };
  /** Told why the drill is left, just before Ink exits (the drill as its own command). */
  onExit?: (reason: QuizExit) => void;
  /**
   * Embedded in the app: leaving the report calls this instead of exiting Ink, and Ctrl-C is
   * left to the app, which owns quitting as a whole (one owner of exit(), one exit status).
   */
  onLeave?: () => void;
  /** Wall clock in ms (tests pin it). */
  clock?: () => number;
  /** How often the time left is redrawn. */
  tickMs?: number;
}

const FOOTER: Record<string, string> = {
  choice: '1-9 pick · ↑↓ move · Enter choose · s skip · q end the drill',
  number: 'type a number · Enter answer · s skip · q end the drill',
  feedback: 'Enter next question · ↑↓ scroll · q end the drill',
  report: 'q quit',
  reportEmbedded: 'q back to the menu',
};

/** Rows for the question or report: the screen less its last row, the top two and the footer. */
function bodyHeightOf(rows: number): number {
  return Math.max(1, rows - 1 - 3);
}

export function QuizApp({
  drill,
  title,
  report,
  onExit,
  onLeave,
  clock = Date.now,
  tickMs = 500,
}: QuizAppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const theme = useTheme();
  const size = useWindowSize();
  const [now, setNow] = useState(clock);
  const [phase, setPhase] = useState<Phase>(() =>
    drill.checkTime(clock()) || !drill.current()
      ? { kind: 'report' }
      : { kind: 'question', index: drill.index },
  );

  const leave = useCallback(
    (reason: QuizExit) => {
      if (onLeave) {
        if (reason === 'quit') onLeave();
        return;
      }
      onExit?.(reason);
      exit();
    },
    [onExit, onLeave, exit],
  );
  const toReport = useCallback(() => {
    drill.stop('quit');
    setPhase({ kind: 'report' });
  }, [drill]);
  const answer = useCallback(
    (a: Answer) => {
      if (!drill.current()) return;
      const verdict = drill.answer(a);
      setPhase({
        kind: 'feedback',
        verdict,
        chosen: a.kind === 'choice' ? a.index : undefined,
        scroll: 0,
      });
    },
    [drill],
  );
  const next = useCallback(() => {
    drill.next();
    if (drill.checkTime(clock()) || !drill.current()) setPhase({ kind: 'report' });
    else setPhase({ kind: 'question', index: drill.index });
  }, [drill, clock]);

  // The time limit is wall-clock: redraw the time left, and end the drill when it is up.
  useEffect(() => {
    if (drill.timeLeft(clock()) === undefined || phase.kind === 'report') return;
    const timer = setInterval(() => {
      const t = clock();
      setNow(t);
      if (drill.checkTime(t)) setPhase({ kind: 'report' });
    }, tickMs);
    return () => clearInterval(timer);
  }, [drill, clock, tickMs, phase.kind]);

  const asked = phase.kind === 'report' ? undefined : drill.current();
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') return leave('interrupt');
      if (phase.kind === 'report') {
        if (input === 'q' || key.escape || key.return) leave('quit');
        return;
      }
      if (isTooSmall(size, QUIZ_MIN_WINDOW)) {
        if (input === 'q' || key.escape) toReport();
        return;
      }
      if (phase.kind === 'feedback') {
        if (key.return || input === ' ' || input === 'n' || key.rightArrow) next();
        else if (input === 'q' || key.escape) toReport();
        else if (asked && (key.downArrow || input === 'j' || key.upArrow || input === 'k')) {
          const page = answeredPage(
            asked,
            phase.verdict,
            phase.chosen,
            size.columns,
            !theme.colorEnabled,
          );
          const range = pageScroll(page, answeredRows(bodyHeightOf(size.rows)));
          const step = key.downArrow || input === 'j' ? 1 : -1;
          const scroll = Math.max(range.min, Math.min(range.max, phase.scroll + step));
          setPhase({ ...phase, scroll });
        }
        return;
      }
      // Choice questions: the list takes digits, arrows, Enter and q; skipping is ours.
      if (asked?.form === 'choice' && input === 's') answer({ kind: 'skip' });
    },
    { isActive: Boolean(isRawModeSupported) },
  );

  const height = Math.max(1, size.rows - 1);
  const bodyHeight = bodyHeightOf(size.rows);
  if (isTooSmall(size, QUIZ_MIN_WINDOW) && phase.kind !== 'report') {
    return <TooSmall size={size} min={QUIZ_MIN_WINDOW} />;
  }
  const width = size.columns;
  const answered = drill.results.length;
  const score = drill.results.filter((r) => r.correct).length;
  const footer =
    phase.kind === 'report'
      ? onLeave
        ? FOOTER.reportEmbedded
        : FOOTER.report
      : phase.kind === 'feedback'
        ? FOOTER.feedback
        : asked?.form === 'number'
          ? FOOTER.number
          : FOOTER.choice;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <QuizProgressBar
        title={title}
        answered={answered}
        total={drill.total}
        score={score}
        timeLeft={drill.timeLeft(now)}
        width={width}
      />
      <Text> </Text>
      <Box height={bodyHeight} flexDirection="column">
        {phase.kind === 'report' || !asked ? (
          <QuizReport
            report={drill.report()}
            context={{ ...report, nextDue: report.nextDue?.() }}
            width={width}
            height={bodyHeight}
          />
        ) : (
          <QuizQuestion
            key={drill.index}
            asked={asked}
            number={drill.index + 1}
            total={drill.total}
            verdict={phase.kind === 'feedback' ? phase.verdict : undefined}
            chosen={phase.kind === 'feedback' ? phase.chosen : undefined}
            scroll={phase.kind === 'feedback' ? phase.scroll : 0}
            width={width}
            height={bodyHeight}
            onChoose={(index) => answer({ kind: 'choice', index })}
            onNumber={(value) => answer({ kind: 'number', value })}
            onSkip={() => answer({ kind: 'skip' })}
            onQuit={toReport}
            isActive={phase.kind === 'question'}
          />
        )}
      </Box>
      <Text dimColor wrap="truncate-end" color={theme.color('muted')}>
        {footer}
      </Text>
    </Box>
  );
}
