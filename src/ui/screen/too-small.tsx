// What to show instead of the UI when the terminal cannot hold it.
import { Box, Text } from 'ink';
import type { WindowSize } from './use-window-size.js';

export const MIN_WINDOW: WindowSize = { columns: 80, rows: 24 };

export function isTooSmall(size: WindowSize, min: WindowSize = MIN_WINDOW): boolean {
  return size.columns < min.columns || size.rows < min.rows;
}

export interface TooSmallProps {
  size: WindowSize;
  min?: WindowSize;
}

export function TooSmall({ size, min = MIN_WINDOW }: TooSmallProps) {
  return (
    <Box flexDirection="column" width={size.columns}>
      <Text>
        {`Enlarge the window to at least ${min.columns}×${min.rows} (now ${size.columns}×${size.rows}).`}
      </Text>
      <Text dimColor>q quits</Text>
    </Box>
  );
}
