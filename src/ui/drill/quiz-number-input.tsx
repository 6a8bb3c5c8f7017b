// A one-line field for numeric answers: digits, a decimal point, a sign; Enter submits,
// Backspace deletes; on an empty field s skips and q quits, so letters never get typed. The
// drill owns the keys (numberKey says what each does); this draws the field.
import type { Key } from 'ink';
import { Box, Text } from 'ink';
import { parseTypedNumber } from '../../quiz/numeric.js';
import { useTheme } from '../theme/use-theme.js';

export interface NumberField {
  text: string;
  error?: string;
}

export const EMPTY_FIELD: NumberField = { text: '' };

export type NumberKey =
  | { kind: 'edit'; field: NumberField }
  | { kind: 'submit'; value: number }
  | { kind: 'skip' }
  | { kind: 'quit' }
  | { kind: 'none' };

/** What a key does to the field. */
export function numberKey(field: NumberField, input: string, key: Partial<Key>): NumberKey {
  if (key.ctrl || key.meta) return key.escape ? { kind: 'quit' } : { kind: 'none' };
  if (key.return) {
    const value = parseTypedNumber(field.text);
    return value === undefined
      ? { kind: 'edit', field: { ...field, error: 'type a number, like 3 or 1.5' } }
      : { kind: 'submit', value };
  }
  if (key.backspace || key.delete)
    return { kind: 'edit', field: { text: field.text.slice(0, -1) } };
  if (key.escape) return { kind: 'quit' };
  if (field.text === '' && input === 's') return { kind: 'skip' };
  if (field.text === '' && input === 'q') return { kind: 'quit' };
  if (/^[0-9.,+-]+$/.test(input))
    return { kind: 'edit', field: { text: (field.text + input).slice(0, 16) } };
  return { kind: 'none' };
}

export interface QuizNumberInputProps {
  field: NumberField;
  unit?: string;
}

export function QuizNumberInput({ field, unit }: QuizNumberInputProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={theme.color('accent')} bold>
          {'› '}
        </Text>
        <Text>{field.text}</Text>
        <Text inverse> </Text>
        {unit ? <Text dimColor>{` ${unit}`}</Text> : null}
      </Box>
      {field.error ? <Text color={theme.color('warn')}>{field.error}</Text> : null}
    </Box>
  );
}
