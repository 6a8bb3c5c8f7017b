// The sandbox's own commands, typed on the same line as cluster commands but starting with a
// colon: `:save my.yaml` (`:save!` replaces a file), `:rewind 5s`, `:speed 10`, `:help`,
// `:quit`. They act on the session, not on the cluster, so they are not lesson steps.
import { nearest } from '../../lesson/format/suggest.js';
import { parseDuration } from '../../lesson/format/units.js';
import { MAX_SPEED, MIN_SPEED } from '../player/speed.js';

export type ColonCommand =
  | { kind: 'save'; file: string; overwrite: boolean }
  | { kind: 'rewind'; by: number }
  | { kind: 'speed'; speed: number }
  | { kind: 'help' }
  | { kind: 'quit' };

export type ColonResult = { ok: true; command: ColonCommand } | { ok: false; message: string };

export interface ColonSpec {
  names: readonly string[];
  usage: string;
  summary: string;
}

export const COLON_COMMANDS: readonly ColonSpec[] = [
  {
    names: ['save', 'save!'],
    usage: ':save <file.yaml>',
    summary: 'write the session as a lesson file (:save! replaces one)',
  },
  {
    names: ['rewind'],
    usage: ':rewind <duration>',
    summary: 'go back in time, e.g. :rewind 5s (later commands are undone)',
  },
  { names: ['speed'], usage: ':speed <n>', summary: `play at n× (${MIN_SPEED}–${MAX_SPEED})` },
  { names: ['help', 'h'], usage: ':help', summary: 'keys and every command' },
  { names: ['quit', 'q', 'exit'], usage: ':quit', summary: 'leave the sandbox' },
];

const NAMES = COLON_COMMANDS.flatMap((c) => c.names);

/** True for a line meant as a colon command. */
export function isColonLine(line: string): boolean {
  return line.trimStart().startsWith(':');
}

export function parseColon(line: string): ColonResult {
  const body = line.trim().replace(/^:/, '').trim();
  const space = body.search(/\s/);
  const name = (space < 0 ? body : body.slice(0, space)).toLowerCase();
  const arg = space < 0 ? '' : body.slice(space).trim();
  switch (name) {
    case 'save':
    case 'save!':
    case 'w':
    case 'w!': {
      if (arg === '') return fail(':save needs a file name, e.g. :save my-session.yaml');
      const file = arg.replace(/^(["'])(.*)\1$/, '$2');
      return ok({ kind: 'save', file, overwrite: name.endsWith('!') });
    }
    case 'rewind': {
      if (arg === '') return fail(':rewind needs how far back, e.g. :rewind 5s');
      try {
        const by = parseDuration(arg.replace(/^-/, ''));
        if (by <= 0) return fail(':rewind needs a duration above 0, e.g. :rewind 5s');
        return ok({ kind: 'rewind', by });
      } catch {
        return fail(`:rewind: expected a duration like 500ms, 5s or 1m, found "${arg}"`);
      }
    }
    case 'speed': {
      const n = Number(arg.replace(/[x×]$/, ''));
      if (arg === '' || !Number.isFinite(n) || n < MIN_SPEED || n > MAX_SPEED) {
        return fail(`:speed: expected a number from ${MIN_SPEED} to ${MAX_SPEED}, e.g. :speed 10`);
      }
      return ok({ kind: 'speed', speed: n });
    }
    case 'help':
    case 'h':
    case '?':
      return ok({ kind: 'help' });
    case 'quit':
    case 'q':
    case 'exit':
      return ok({ kind: 'quit' });
    default: {
      if (name === '')
        return fail('type a command after the colon: :save, :rewind, :speed, :help or :quit');
      const near = nearest(name, NAMES);
      return fail(
        `unknown command ":${name}" (${near ? `did you mean ":${near}"?` : 'try :save, :rewind, :speed, :help or :quit'})`,
      );
    }
  }
}

const ok = (command: ColonCommand): ColonResult => ({ ok: true, command });
const fail = (message: string): ColonResult => ({ ok: false, message });
