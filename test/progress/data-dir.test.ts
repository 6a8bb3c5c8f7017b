import { describe, expect, it } from 'vitest';
import { progressDir } from '../../src/progress/data-dir.js';
import { ProgressError } from '../../src/progress/progress-error.js';

const linuxHome = '/home/ada';

describe('progressDir', () => {
  it('uses REPLICATION_TUTOR_HOME over everything, on every platform', () => {
    const env = { REPLICATION_TUTOR_HOME: '/srv/rt', XDG_DATA_HOME: '/xdg', APPDATA: 'C:\\A' };
    for (const platform of ['linux', 'darwin', 'freebsd'] as const) {
      expect(progressDir({ env, platform, homedir: linuxHome, cwd: '/w' })).toBe('/srv/rt');
    }
    expect(
      progressDir({
        env: { REPLICATION_TUTOR_HOME: 'D:\\rt', APPDATA: 'C:\\A' },
        platform: 'win32',
        homedir: 'C:\\Users\\ada',
        cwd: 'C:\\w',
      }),
    ).toBe('D:\\rt');
  });

  it('resolves a relative REPLICATION_TUTOR_HOME against the working directory', () => {
    const env = { REPLICATION_TUTOR_HOME: 'state' };
    expect(progressDir({ env, platform: 'linux', homedir: linuxHome, cwd: '/work/x' })).toBe(
      '/work/x/state',
    );
  });

  it('treats an empty variable as unset', () => {
    const env = { REPLICATION_TUTOR_HOME: '', XDG_DATA_HOME: '' };
    expect(progressDir({ env, platform: 'linux', homedir: linuxHome, cwd: '/w' })).toBe(
      '/home/ada/.local/share/replication-tutor',
    );
  });

  it('Linux: $XDG_DATA_HOME/replication-tutor, else ~/.local/share/replication-tutor', () => {
    expect(
      progressDir({
        env: { XDG_DATA_HOME: '/data' },
        platform: 'linux',
        homedir: linuxHome,
        cwd: '/w',
      }),
    ).toBe('/data/replication-tutor');
    expect(progressDir({ env: {}, platform: 'linux', homedir: linuxHome, cwd: '/w' })).toBe(
      '/home/ada/.local/share/replication-tutor',
    );
  });

  it('ignores a relative XDG_DATA_HOME, as the XDG spec says', () => {
    expect(
      progressDir({
        env: { XDG_DATA_HOME: 'rel/data' },
        platform: 'linux',
        homedir: linuxHome,
        cwd: '/w',
      }),
    ).toBe('/home/ada/.local/share/replication-tutor');
  });

  it('other Unix platforms follow the Linux rule', () => {
    expect(
      progressDir({
        env: { XDG_DATA_HOME: '/d' },
        platform: 'freebsd',
        homedir: linuxHome,
        cwd: '/',
      }),
    ).toBe('/d/replication-tutor');
  });

  it('macOS: ~/Library/Application Support/replication-tutor, ignoring XDG_DATA_HOME', () => {
    expect(
      progressDir({
        env: { XDG_DATA_HOME: '/data' },
        platform: 'darwin',
        homedir: '/Users/ada',
        cwd: '/w',
      }),
    ).toBe('/Users/ada/Library/Application Support/replication-tutor');
  });

  it('Windows: %APPDATA%\\replication-tutor, else the roaming folder under the home', () => {
    expect(
      progressDir({
        env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        platform: 'win32',
        homedir: 'C:\\Users\\ada',
        cwd: 'C:\\',
      }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\replication-tutor');
    expect(
      progressDir({ env: {}, platform: 'win32', homedir: 'C:\\Users\\ada', cwd: 'C:\\' }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\replication-tutor');
  });

  it('without a home directory asks for REPLICATION_TUTOR_HOME', () => {
    expect(() => progressDir({ env: {}, platform: 'linux', homedir: '', cwd: '/' })).toThrow(
      ProgressError,
    );
    expect(() => progressDir({ env: {}, platform: 'linux', homedir: '', cwd: '/' })).toThrow(
      /REPLICATION_TUTOR_HOME/,
    );
  });
});
