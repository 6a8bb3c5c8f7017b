// The drill in the terminal: a progress line, the question, feedback after each answer and
// a final report. The Drill object (src/quiz/drill.ts) holds every rule; this view only turns
// keys into its calls and re-renders. Time is wall time, read from `clock`. It owns every key
// of the drill (the choice list and the number field only draw their state), so the key that
// answers is never also the one that moves on, and keys typed fast each count.
import { Box, type Key, Text, useApp } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answer, Verdict } from '../../quiz/ask.js';
import type { Drill } from '../../quiz/drill.js';
import type { ReportContext } from '../../quiz/report.js';
import {
  type ChoiceListState,
  choiceAction,
  choiceMade,
  INITIAL_CHOICE_LIST,
  reduceChoiceList,
} from '../choice-list/choice-list-state.js';
import { resolveKey } from '../keys/keymap.js';
import { useKeys } from '../keys/use-keys.js';
import { isTooSmall, TooSmall } from '../screen/too-small.js';
import { useWindowSize } from '../screen/use-window-size.js';
import { useTheme } from '../theme/use-theme.js';
import { EMPTY_FIELD, type NumberField, numberKey } from './quiz-number-input.js';
import { QuizProgressBar } from './quiz-progress-bar.js';
import { answeredPage, answeredRows, pageScroll, QuizQuestion } from './quiz-question.js';
import { QuizReport } from './quiz-report.js';

export type QuizExit = 'quit' | 'interrupt';

export const QUIZ_MIN_WINDOW = { columns: 60, rows: 16 };

type Phase =
  | { kind: 'question'; index: number; choice: ChoiceListState; field: NumberField }
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

function asking(index: number): Phase {
  return { kind: 'question', index, choice: INITIAL_CHOICE_LIST, field: EMPTY_FIELD };
}

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
  const theme = useTheme();
  const size = useWindowSize();
  const [now, setNow] = useState(clock);
  const [phase, setPhaseState] = useState<Phase>(() =>
    drill.checkTime(clock()) || !drill.current() ? { kind: 'report' } : asking(drill.index),
  );
  // The keys read the phase here: several keys of one chunk come before the next render.
  const phaseRef = useRef(phase);
  const setPhase = useCallback((next: Phase) => {
    phaseRef.current = next;
    setPhaseState(next);
  }, []);

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
  }, [drill, setPhase]);
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
    [drill, setPhase],
  );
  const next = useCallback(() => {
    drill.next();
    if (drill.checkTime(clock()) || !drill.current()) setPhase({ kind: 'report' });
    else setPhase(asking(drill.index));
  }, [drill, clock, setPhase]);

  // The time limit is wall-clock: redraw the time left, and end the drill when it is up.
  useEffect(() => {
    if (drill.timeLeft(clock()) === undefined || phase.kind === 'report') return;
    const timer = setInterval(() => {
      const t = clock();
      setNow(t);
      if (drill.checkTime(t)) setPhase({ kind: 'report' });
    }, tickMs);
    return () => clearInterval(timer);
  }, [drill, clock, tickMs, phase.kind, setPhase]);

  const asked = phase.kind === 'report' ? undefined : drill.current();
  /** A key while a question waits: its list or number field, s to skip, q to end. */
  const questionKey = (p: Extract<Phase, { kind: 'question' }>, input: string, key: Key) => {
    const current = drill.current();
    if (!current) return;
    if (current.form === 'number') {
      const k = numberKey(p.field, input, key);
      if (k.kind === 'edit') setPhase({ ...p, field: k.field });
      else if (k.kind === 'submit') answer({ kind: 'number', value: k.value });
      else if (k.kind === 'skip') answer({ kind: 'skip' });
      else if (k.kind === 'quit') toReport();
      return;
    }
    if (input === 's' && !key.ctrl && !key.meta) {
      answer({ kind: 'skip' });
      return;
    }
    const action = choiceAction(resolveKey(input, key, 'choice'));
    if (action === undefined || (action !== 'back' && action.type === 'toggle-hint')) return;
    if (action === 'back') {
      toReport();
      return;
    }
    const choice = reduceChoiceList(p.choice, action, current.choices.length);
    const chosen = choiceMade(p.choice, choice);
    if (chosen === undefined) setPhase({ ...p, choice });
    else answer({ kind: 'choice', index: chosen });
  };
  useKeys((input, key) => {
    if (key.ctrl && input === 'c') return leave('interrupt');
    const p = phaseRef.current;
    if (p.kind === 'report') {
      if (input === 'q' || key.escape || key.return) leave('quit');
      return;
    }
    if (isTooSmall(size, QUIZ_MIN_WINDOW)) {
      if (input === 'q' || key.escape) toReport();
      return;
    }
    if (p.kind === 'question') {
      questionKey(p, input, key);
      return;
    }
    if (key.return || input === ' ' || input === 'n' || key.rightArrow) next();
    else if (input === 'q' || key.escape) toReport();
    else if (asked && (key.downArrow || input === 'j' || key.upArrow || input === 'k')) {
      const page = answeredPage(asked, p.verdict, p.chosen, size.columns, !theme.colorEnabled);
      const range = pageScroll(page, answeredRows(bodyHeightOf(size.rows)));
      const step = key.downArrow || input === 'j' ? 1 : -1;
      const scroll = Math.max(range.min, Math.min(range.max, p.scroll + step));
      setPhase({ ...p, scroll });
    }
  });

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
            choice={phase.kind === 'question' ? phase.choice : INITIAL_CHOICE_LIST}
            field={phase.kind === 'question' ? phase.field : EMPTY_FIELD}
          />
        )}
      </Box>
      <Text dimColor wrap="truncate-end" color={theme.color('muted')}>
        {footer}
      </Text>
    </Box>
  );
}
