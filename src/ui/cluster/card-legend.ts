// What the words on a node card mean, for the player's help: epoch, the two LSNs and lag
// appear on every card and are the numbers the lessons ask about; the role line tells the
// serving leader from one that went down. At 80×24 the player's help has no row to spare:
// every entry must stay within the rows it takes now, or the whole legend drops out.
import type { HelpLine } from '../screen/help-overlay.js';

export const CARD_LEGEND: readonly HelpLine[] = [
  { kind: 'group', text: 'On the cards' },
  {
    kind: 'key',
    keys: 'epoch N',
    text: "the leader's term, one more with each new leader",
  },
  {
    kind: 'key',
    keys: 'LSN',
    text: 'last log entry applied (reads see it) · received',
  },
  {
    kind: 'key',
    keys: 'lag',
    // Behind the leader, or with no leader up, the newest log any node holds.
    text: 'behind: n · time · bytes',
  },
  {
    kind: 'key',
    keys: '◆ ◇',
    text: '◇ was leader: it is down',
  },
];

/** Said in the status line when a lesson opens, once: where the cards are explained. */
export const CARD_TIP = '? explains the cards: epoch, LSN, lag';
