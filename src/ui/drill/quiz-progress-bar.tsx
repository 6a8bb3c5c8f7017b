// The drill's top line: where you are, the score so far, the time left, and a bar.
import { Box, Text } from 'ink';
import { useTheme } from '../theme/use-theme.js';

export interface QuizProgressProps {
  title: string;
  /** Questions answered so far. */
  answered: number;
  total: number;
  score: number;
  /** Milliseconds left; undefined without a time limit. */
  timeLeft?: number;
  width: number;
}

/** `7:05` from milliseconds, rounded up so "0:00" means the time is really up. */
export function clock(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** `██████░░░░` with `done / total` of `width` cells filled. */
export function bar(done: number, total: number, width: number): string {
  const cells = Math.max(0, width);
  const filled = total > 0 ? Math.min(cells, Math.round((cells * done) / total)) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)}`;
}

export function QuizProgressBar({
  title,
  answered,
  total,
  score,
  timeLeft,
  width,
}: QuizProgressProps) {
  const theme = useTheme();
  const status = `${answered}/${total} answered · ✓ ${score} ✗ ${answered - score}${timeLeft === undefined ? '' : ` · ⏱ ${clock(timeLeft)} left`}`;
  const barWidth = Math.max(0, Math.min(30, width - title.length - status.length - 4));
  return (
    <Box width={width}>
      <Text bold color={theme.color('heading')}>
        {title}
      </Text>
      <Text> </Text>
      {barWidth > 0 ? (
        <Text color={theme.color('accent')}>{bar(answered, total, barWidth)}</Text>
      ) : null}
      <Text wrap="truncate-end">{` ${status}`}</Text>
    </Box>
  );
}
