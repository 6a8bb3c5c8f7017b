// Fault lines in the event log speak in units: sizes in GB, durations in s, settings with
// what they count.
import { describe, expect, it } from 'vitest';
import { formatEvent } from '../../../src/ui/event-log/event-format.js';
import { faultText, settingsText } from '../../../src/ui/event-log/fault-words.js';

const text = (fault: string, node?: string, detail?: string) =>
  formatEvent({ t: 0, type: 'fault', fault, node, detail }, { ops: new Map() })?.text;

describe('fault lines', () => {
  it('show byte counts as sizes', () => {
    expect(text('restore', 'db1', 'from "manual-snapshot" (322125596672 bytes)')).toBe(
      'restore db1 from "manual-snapshot" (300 GB)',
    );
    expect(text('copy', 'db2', 'snapshot of db1 at LSN 6639 (329802127360 bytes)')).toBe(
      'copy db2 snapshot of db1 at LSN 6639 (307 GB)',
    );
    expect(text('restore', 'db2', 'from "pg-dump-nightly" (0 bytes)')).toBe(
      'restore db2 from "pg-dump-nightly" (0 B)',
    );
  });

  it('give settings their units', () => {
    expect(text('set', 'replica-2', 'lag=15000')).toBe('set replica-2: lag 15.0s');
    expect(text('set', 'db2', 'lag={"min":1000,"max":3000} throughput=25')).toBe(
      'set db2: lag 1.0s–3.0s, throughput 25 entries/s',
    );
    expect(text('set', undefined, 'mode="sync" retain=2000')).toBe(
      'set cluster: mode sync, retain 2000 entries',
    );
    expect(text('set', 'db2', 'upstream="db3" sync=true')).toBe('set db2: upstream db3, sync true');
  });

  it('give notes from the simulator units too', () => {
    expect(
      formatEvent(
        { t: 0, type: 'note', text: 'workload "w2": 10 clients for 30000 ms' },
        {
          ops: new Map(),
        },
      )?.text,
    ).toBe('workload "w2": 10 clients for 30.0s');
  });

  it('say how long a pause lasts', () => {
    expect(text('pause', 'primary', '3000 ms')).toBe('pause primary for 3.0s');
  });

  it('keep other details as they are', () => {
    expect(text('crash', 'primary')).toBe('crash primary');
    expect(text('partition', undefined, '[a] | [b]')).toBe('partition [a] | [b]');
    expect(faultText('needs-resync', 'db2', 'it needs LSN 1')).toBe(
      'needs-resync db2 it needs LSN 1',
    );
    expect(settingsText('not a setting')).toBe('not a setting');
  });

  it('spell out leaderless quorum settings, not their JSON', () => {
    expect(faultText('set', undefined, 'leaderlessQuorum={"antiEntropy":5000}')).toBe(
      'set cluster: antiEntropy 5.0s',
    );
    expect(faultText('set', undefined, 'leaderlessQuorum={"w":1,"r":3,"sloppy":true}')).toBe(
      'set cluster: w 1, r 3, sloppy true',
    );
  });
});
