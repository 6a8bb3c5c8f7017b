// Menu fixtures: a few lessons in two parts, in every status, and the extras.
import type { ExtraItem, LessonItem } from '../../src/ui/menu/menu-state.js';

const P1 = 'Part 1 — Leaders and followers';
const P2 = 'Part 2 — When the leader fails';

export const lessons: LessonItem[] = [
  {
    id: 'why-replicate',
    title: 'Why replicate',
    part: P1,
    order: 1,
    number: 1,
    minutes: 8,
    summary: 'Availability, latency, read throughput: a first write and read on a live cluster.',
    status: 'done',
    bestScore: 8,
    max: 10,
  },
  {
    id: 'sync-async',
    title: 'Sync, async, semi-sync',
    part: P1,
    order: 2,
    number: 2,
    minutes: 15,
    summary: 'The $10,000 transfer an async leader acknowledged and then lost.',
    status: 'new',
  },
  {
    id: 'lost-tweet',
    title: 'The Lost Tweet',
    part: P1,
    order: 3,
    number: 3,
    minutes: 12,
    summary: 'Read-your-writes: a tweet vanishes on reload from a lagging replica.',
    status: 'in-progress',
    step: 3,
  },
  {
    id: 'failover',
    title: 'Failover',
    part: P2,
    order: 9,
    number: 9,
    minutes: 20,
    summary: 'Heartbeats, timeouts and electing the most up-to-date follower.',
    status: 'new',
  },
  {
    id: 'github-2012',
    title: 'GitHub, 2012',
    part: P2,
    order: 10,
    number: 10,
    minutes: 15,
    summary: 'A failover under load and the split brain that followed.',
    status: 'in-progress',
    step: 1,
  },
];

export const extras: ExtraItem[] = [
  { kind: 'quiz', summary: 'Ten questions, weakest topics first.' },
  { kind: 'sandbox', disabled: true, reason: 'coming soon' },
];
