// If the engine fails while a lesson plays (a bug, a lesson the loader let through), the
// learner gets one line saying so and q to go back, not a stack trace over the screen.
// Progress saved up to that point is kept.
import { Box, Text } from 'ink';
import { Component, type ReactNode } from 'react';
import { resolveKey } from '../keys/keymap.js';
import { useKeys } from '../keys/use-keys.js';
import { useTheme } from '../theme/use-theme.js';

function LessonFailed({ message, onBack }: { message: string; onBack: () => void }) {
  const theme = useTheme();
  useKeys((input, key) => {
    if (resolveKey(input, key, 'player')?.action === 'back') onBack();
  });
  return (
    <Box flexDirection="column">
      <Text color={theme.color('danger')}>{`✗ The lesson stopped with an error: ${message}`}</Text>
      <Text>Your progress up to here is saved. q goes back.</Text>
    </Box>
  );
}

interface Props {
  onBack: () => void;
  children: ReactNode;
}

/** Catches an error thrown while rendering the lesson (the driver's constructor included). */
export class LessonErrorBoundary extends Component<Props, { message?: string }> {
  override state: { message?: string } = {};

  static getDerivedStateFromError(error: unknown): { message: string } {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render(): ReactNode {
    if (this.state.message !== undefined) {
      return <LessonFailed message={this.state.message} onBack={this.props.onBack} />;
    }
    return this.props.children;
  }
}
