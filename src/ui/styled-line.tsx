// One line of styled spans, cut at the box edge rather than wrapped.
import { Text } from 'ink';
import type { Span } from './markdown.js';
import { useTheme } from './use-theme.js';

export function StyledLine({ spans }: { spans: readonly Span[] }) {
  const theme = useTheme();
  if (spans.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {spans.map((s, i) => (
        <Text
          // Spans of a line never reorder, so the index is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={i}
          bold={s.bold}
          italic={s.italic}
          color={s.code ? theme.color('code') : undefined}
        >
          {s.text}
        </Text>
      ))}
    </Text>
  );
}
