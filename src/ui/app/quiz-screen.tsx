// The drill inside the app, for the menu's "Quiz drill" and "Review" entries: the same drill
// `replication-tutor quiz` (or `quiz --review`) builds with its default options, shown in the
// same view, but leaving it goes back to the menu. The app loads this module only when an
// entry is chosen, because it brings the question bank (YAML, schema, generators) with it.
import { Box, Text } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressStore } from '../../progress/progress-store.js';
import {
  type DrillStart,
  finishDrill,
  lessonAvailable,
  loadCheckedBank,
  nextReview,
  type StartedDrill,
  startDrill,
} from '../../quiz/start-drill.js';
import { QuizApp } from '../drill/quiz-app.js';
import { useKeys } from '../keys/use-keys.js';
import { useTheme } from '../theme/use-theme.js';

export interface QuizScreenProps {
  /** Only the questions due again, like `quiz --review`. */
  review: boolean;
  store?: ProgressStore;
  onBack: () => void;
  /** A save that failed; the app reports it after it has exited. */
  onWarning?: (message: string) => void;
  /** Pins the drill (tests); undefined: a seed from the clock, like the command. */
  seed?: number;
  /** Wall clock in ms (tests). */
  clock?: () => number;
}

async function prepare(
  review: boolean,
  store: ProgressStore | undefined,
  o: Pick<QuizScreenProps, 'onWarning' | 'seed' | 'clock'>,
): Promise<DrillStart> {
  try {
    const checked = await loadCheckedBank();
    if (!checked.ok) return { ok: false, reason: checked.reason };
    return startDrill(
      checked.bank.questions,
      { review, seed: o.seed },
      { store, warn: o.onWarning, now: o.clock },
    );
  } catch (err) {
    return { ok: false, reason: `cannot load the question bank: ${(err as Error).message}` };
  }
}

export function QuizScreen({ review, store, onBack, onWarning, seed, clock }: QuizScreenProps) {
  // Built once per visit: a new render of the app must not start another drill.
  const [pending] = useState(() => prepare(review, store, { onWarning, seed, clock }));
  const [start, setStart] = useState<DrillStart>();
  useEffect(() => {
    let live = true;
    void pending.then((s) => live && setStart(s));
    return () => {
      live = false;
    };
  }, [pending]);

  if (!start) return <Text dimColor>Loading the question bank…</Text>;
  if (!start.ok)
    return <NothingToAsk title={title(review)} reason={start.reason} onBack={onBack} />;
  return <EmbeddedDrill started={start} clock={clock} onBack={onBack} />;
}

function title(review: boolean): string {
  return review ? 'Review' : 'Interview drill';
}

function EmbeddedDrill({
  started,
  clock,
  onBack,
}: {
  started: StartedDrill;
  clock?: () => number;
  onBack: () => void;
}) {
  // The drill is saved once, however it is left: back to the menu, or Ctrl-C and a signal,
  // which unmount the whole app (the command saves after its UI ends in every case too).
  const saved = useRef(false);
  const finish = useCallback(() => {
    if (saved.current) return;
    saved.current = true;
    started.drill.stop('quit');
    finishDrill(started);
  }, [started]);
  useEffect(() => finish, [finish]);
  const leave = useCallback(() => {
    finish();
    onBack();
  }, [finish, onBack]);
  return (
    <QuizApp
      drill={started.drill}
      title={title(started.review)}
      report={{ lessonAvailable, nextDue: () => nextReview(started) }}
      onLeave={leave}
      clock={clock}
    />
  );
}

function NothingToAsk({
  title,
  reason,
  onBack,
}: {
  title: string;
  reason: string;
  onBack: () => void;
}) {
  const theme = useTheme();
  useKeys((input, key) => {
    if (input === 'q' || key.escape || key.return) onBack();
  });
  return (
    <Box flexDirection="column">
      <Text bold color={theme.color('heading')}>
        {title}
      </Text>
      <Text> </Text>
      <Text>{reason}</Text>
      <Text> </Text>
      <Text dimColor>q back to the menu</Text>
    </Box>
  );
}
