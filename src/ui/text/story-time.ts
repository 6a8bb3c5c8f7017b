// Virtual time for people. A lesson with a `clock` tells a story at times of day ("22:00"):
// its times are shown on that wall clock, in the UTC offset the lesson wrote (never the
// machine's zone, so every learner sees the same). Without one, time is counted from the
// start, compactly: 4h59m30s rather than t=17970.248s.
import type { LessonClock } from '../../lesson/format/types.js';
import type { Ms } from '../../sim/index.js';

export interface StoryClock {
  /** Virtual time 0, in ms since the Unix epoch. */
  startMs: number;
  /** Minutes east of UTC the start was written in. */
  offsetMinutes: number;
}

const OFFSET = /(Z|([+-])(\d{2}):(\d{2}))$/;

export function storyClock(clock: LessonClock | undefined): StoryClock | undefined {
  if (!clock) return undefined;
  const startMs = Date.parse(clock.start);
  const m = OFFSET.exec(clock.start);
  if (Number.isNaN(startMs) || !m) return undefined;
  const offsetMinutes =
    m[1] === 'Z' ? 0 : (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4]));
  return { startMs, offsetMinutes };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const two = (n: number) => String(n).padStart(2, '0');
const three = (n: number) => String(n).padStart(3, '0');

/** The wall-clock fields at virtual time `t` (read as UTC after shifting by the offset). */
function wall(t: Ms, clock: StoryClock): Date {
  return new Date(clock.startMs + Math.floor(t) + clock.offsetMinutes * 60_000);
}

function dayKey(d: Date): number {
  return Math.floor(d.getTime() / 86_400_000);
}

function hms(d: Date): string {
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** Virtual time from the start, compactly: `3.574s`, `2m29s`, `4h59m30s`, `1d2h03m`. */
export function formatElapsed(t: Ms, ms = false): string {
  const total = Math.max(0, t);
  if (total < 60_000) return `${(total / 1000).toFixed(ms ? 3 : 1)}s`;
  const s = Math.floor(total / 1000);
  const frac = ms ? `.${three(Math.floor(total) % 1000)}` : '';
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d${h}h${two(m)}m${two(sec)}${frac}s`;
  if (h > 0) return `${h}h${two(m)}m${two(sec)}${frac}s`;
  return `${m}m${two(sec)}${frac}s`;
}

/** The time a frame shows in its header: `Tue 31 Jan 21:59:30`, or `4h59m30s` from the start. */
export function formatNow(t: Ms, clock?: StoryClock): string {
  if (!clock) return formatElapsed(t, t < 60_000);
  const d = wall(t, clock);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${hms(d)}`;
}

/**
 * An event's time, millisecond-exact: `21:59:30.248` (with the weekday, `Wed 17:05:42.342`,
 * when `withDay`), or `4h59m30.248s` from the start.
 */
export function formatEventTime(t: Ms, clock?: StoryClock, withDay = false): string {
  if (!clock) return formatElapsed(t, true);
  const d = wall(t, clock);
  const time = `${hms(d)}.${three(d.getUTCMilliseconds())}`;
  return withDay ? `${DAYS[d.getUTCDay()]} ${time}` : time;
}

/** True when the times fall on more than one day of the story's clock. */
export function spansDays(times: readonly Ms[], clock?: StoryClock): boolean {
  if (!clock || times.length === 0) return false;
  const first = dayKey(wall(times[0] ?? 0, clock));
  return times.some((t) => dayKey(wall(t, clock)) !== first);
}

/**
 * A row label of the space-time diagram, at most `width` columns: `21:59:30` (or `59:30.25`
 * for buckets under a second) on the clock; `4h59m30s`, `2m29.9s`, `12.345s` from the start.
 */
export function formatRowTime(t: Ms, bucketMs: Ms, clock?: StoryClock): string {
  if (clock) {
    const d = wall(t, clock);
    if (bucketMs >= 1000) return hms(d);
    return `${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${two(Math.floor(d.getUTCMilliseconds() / 10))}`;
  }
  if (t < 60_000) return `${(t / 1000).toFixed(3)}s`;
  if (t < 3_600_000) {
    const s = t / 1000;
    return `${Math.floor(s / 60)}m${(s % 60).toFixed(1).padStart(4, '0')}s`;
  }
  const s = Math.floor(t / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h < 10 ? `${h}h${two(m)}m${two(s % 60)}s` : `${h}h${two(m)}m`;
}
