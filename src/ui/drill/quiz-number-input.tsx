// A one-line field for numeric answers: digits, a decimal point, a sign; Enter submits,
// Backspace deletes; on an empty field s skips and q quits, so letters never get typed.
import { Box, Text, useInput, useStdin } from 'ink';
import { useState } from 'react';
import { parseTypedNumber } from '../../quiz/numeric.js';
import { useTheme } from '../theme/use-theme.js';

export interface QuizNumberInputProps {
  unit?: string;
  onSubmit: (value: number) => void;
  onSkip: () => void;
  onQuit: () => void;
  isActive: boolean;
}

export function QuizNumberInput({
  unit,
  onSubmit,
  onSkip,
  onQuit,
  isActive,
}: QuizNumberInputProps) {
  const theme = useTheme();
  const { isRawModeSupported } = useStdin();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  useInput(
    (input, key) => {
      if (key.ctrl || key.meta) return;
      if (key.return) {
        const value = parseTypedNumber(text);
        if (value === undefined) setError('type a number, like 3 or 1.5');
        else onSubmit(value);
        return;
      }
      if (key.backspace || key.delete) {
        setText((t) => t.slice(0, -1));
        return;
      }
      if (key.escape) {
        onQuit();
        return;
      }
      if (text === '' && input === 's') onSkip();
      else if (text === '' && input === 'q') onQuit();
      else if (/^[0-9.,+-]+$/.test(input)) {
        setError(undefined);
        setText((t) => (t + input).slice(0, 16));
      }
    },
    { isActive: Boolean(isRawModeSupported) && isActive },
  );
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={theme.color('accent')} bold>
          {'› '}
        </Text>
        <Text>{text}</Text>
        <Text inverse> </Text>
        {unit ? <Text dimColor>{` ${unit}`}</Text> : null}
      </Box>
      {error ? <Text color={theme.color('warn')}>{error}</Text> : null}
    </Box>
  );
}
