// The bottom line: the main keys of the current screen, from the keymap.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { type Action, bindingsFor, type KeyContext } from '../keys/keymap.js';
import { sideBySide } from '../text/line-fit.js';
import { composeRuns } from '../text/paint.js';
import { type PaintedLine, PaintedText } from '../text/painted-lines.js';
import { textWidth, truncate } from '../text/text.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';

/** Keys kept however narrow the line: without them nobody finds the rest. */
const ALWAYS = new Set(['help', 'back']);

export interface FooterItem {
  keys: string;
  label: string;
}

/** What a key does right now where that depends on the state (space plays when paused). */
export type FooterLabels = Partial<Record<Action, string>>;

/** Footer items that fit `width`, dropping the least important (latest) first. */
export function footerItems(
  context: KeyContext,
  width: number,
  status = '',
  labels: FooterLabels = {},
): FooterItem[] {
  const all = bindingsFor(context)
    .filter((b) => b.footer !== undefined)
    .map((b) => ({
      keys: b.display,
      label: labels[b.action] ?? b.footerIn?.[context] ?? b.footer ?? '',
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
  labels?: FooterLabels;
}

/** The footer's keys as one styled line (paint.ts): each key bold in the accent colour. */
export function footerText(items: readonly FooterItem[], theme: Theme): string {
  return composeRuns(
    items.flatMap((it, i) => [
      i > 0 ? '  ' : '',
      { text: it.keys, paint: { bold: true, color: theme.color('accent') } },
      ` ${it.label}`,
    ]),
  );
}

export const Footer = memo(function Footer({ context, width, status = '', labels }: FooterProps) {
  const theme = useTheme();
  const keys: PaintedLine = {
    text: footerText(footerItems(context, width, status, labels), theme),
  };
  const state: PaintedLine = { text: truncate(status, width), paint: { dimColor: true } };
  const fit = sideBySide(status ? [keys, state] : [keys], width);
  return (
    <Box width={width} justifyContent="space-between">
      {fit && keys.text ? (
        <PaintedText line={keys} width={fit[0]} />
      ) : (
        <Text wrap="truncate-end">{keys.text}</Text>
      )}
      {!status ? null : fit ? (
        <PaintedText line={state} width={fit[1]} />
      ) : (
        <Text dimColor>{state.text}</Text>
      )}
    </Box>
  );
});
