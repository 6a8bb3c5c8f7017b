// The bottom line: the main keys of the current screen, from the keymap.
import { Box, Text } from 'ink';
import { bindingsFor, type KeyContext } from './keymap.js';
import { textWidth, truncate } from './text.js';
import { useTheme } from './use-theme.js';

/** Keys kept however narrow the line: without them nobody finds the rest. */
const ALWAYS = new Set(['help', 'back']);

export interface FooterItem {
  keys: string;
  label: string;
}

/** Footer items that fit `width`, dropping the least important (latest) first. */
export function footerItems(context: KeyContext, width: number, status = ''): FooterItem[] {
  const all = bindingsFor(context)
    .filter((b) => b.footer !== undefined)
    .map((b) => ({
      keys: b.display,
      label: b.footerIn?.[context] ?? b.footer ?? '',
      action: b.action,
    }))
    .filter((it) => it.label !== '');
  const room = width - (status ? textWidth(status) + 2 : 0);
  const lineWidth = (items: readonly FooterItem[]) =>
    items.reduce((w, it, i) => w + (i > 0 ? 2 : 0) + textWidth(`${it.keys} ${it.label}`), 0);
  const items = [...all];
  for (let i = items.length - 1; i >= 0 && lineWidth(items) > room; i--) {
    const it = items[i];
    if (it && !ALWAYS.has(it.action)) items.splice(i, 1);
  }
  return items.map(({ keys, label }) => ({ keys, label }));
}

export interface FooterProps {
  context: KeyContext;
  width: number;
  /** Right-aligned state, e.g. `▶ playing · 2×`. */
  status?: string;
}

export function Footer({ context, width, status = '' }: FooterProps) {
  const theme = useTheme();
  const items = footerItems(context, width, status);
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate-end">
        {items.map((it, i) => (
          <Text key={it.keys}>
            {i > 0 ? '  ' : ''}
            <Text bold color={theme.color('accent')}>
              {it.keys}
            </Text>{' '}
            {it.label}
          </Text>
        ))}
      </Text>
      {status ? <Text dimColor>{truncate(status, width)}</Text> : null}
    </Box>
  );
}
