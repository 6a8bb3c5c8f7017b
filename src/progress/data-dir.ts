// Where progress lives. The rule takes its inputs as parameters so every platform can be
// tested from any platform.
import os from 'node:os';
import path from 'node:path';
import { ProgressError } from './progress-error.js';

export const APP_DIR_NAME = 'replication-tutor';
export const PROGRESS_FILE_NAME = 'progress.json';
export const HOME_ENV = 'REPLICATION_TUTOR_HOME';

export interface DataDirInputs {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
  /** Base for a relative REPLICATION_TUTOR_HOME. */
  cwd: string;
}

function defaultInputs(): DataDirInputs {
  let homedir = '';
  try {
    homedir = os.homedir();
  } catch {
    // No home directory (some service accounts); reported below only if it is needed.
  }
  return { env: process.env, platform: process.platform, homedir, cwd: process.cwd() };
}

/** An unset and an empty variable mean the same: not configured. */
function envValue(env: DataDirInputs['env'], name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

/**
 * The directory holding progress.json:
 * REPLICATION_TUTOR_HOME if set; else Windows `%APPDATA%\replication-tutor`, macOS
 * `~/Library/Application Support/replication-tutor`, others `$XDG_DATA_HOME/replication-tutor`
 * or `~/.local/share/replication-tutor`.
 */
export function progressDir(inputs: Partial<DataDirInputs> = {}): string {
  const { env, platform, homedir, cwd } = { ...defaultInputs(), ...inputs };
  const p = platform === 'win32' ? path.win32 : path.posix;

  const override = envValue(env, HOME_ENV);
  if (override !== undefined) return p.resolve(cwd, override);

  if (platform === 'win32') {
    const appData = envValue(env, 'APPDATA');
    if (appData !== undefined) return p.join(appData, APP_DIR_NAME);
    return p.join(requireHome(homedir), 'AppData', 'Roaming', APP_DIR_NAME);
  }
  if (platform === 'darwin') {
    return p.join(requireHome(homedir), 'Library', 'Application Support', APP_DIR_NAME);
  }
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = envValue(env, 'XDG_DATA_HOME');
  if (xdg !== undefined && p.isAbsolute(xdg)) return p.join(xdg, APP_DIR_NAME);
  return p.join(requireHome(homedir), '.local', 'share', APP_DIR_NAME);
}

function requireHome(homedir: string): string {
  if (homedir === '') {
    throw new ProgressError(
      `cannot find your home directory to save progress; set ${HOME_ENV} to a directory`,
      '',
    );
  }
  return homedir;
}

export function progressFilePath(dir: string): string {
  return path.join(dir, PROGRESS_FILE_NAME);
}
