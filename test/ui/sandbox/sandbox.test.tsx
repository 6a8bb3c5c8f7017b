// The sandbox screen driven by keys: typing never triggers single keys, Esc switches to
// them, a command key fills in its command with the candidates, space pauses on an empty
// line, the ticker moves the cluster at the chosen speed, leaving asks first when commands
// are unsaved.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { originFromPreset } from '../../../src/lab/lab-origin.js';
import { Sandbox } from '../../../src/ui/sandbox/sandbox.js';
import { SandboxDriver } from '../../../src/ui/sandbox/sandbox-driver.js';
import { frameLines } from '../frame.js';
import { KEY, press, type, untilMatch } from '../keys.js';

function setup(options: { paused?: boolean; cwd?: string } = {}) {
  const driver = new SandboxDriver(originFromPreset(), {
    label: 'three-node-async',
    cwd: options.cwd,
  });
  const onBack = vi.fn();
  let wall = 0;
  const app = render(
    <Sandbox
      driver={driver}
      onBack={onBack}
      initial={{ paused: options.paused ?? true }}
      clock={() => {
        wall += 100;
        return wall;
      }}
      frameMs={5}
    />,
  );
  return { app, driver, onBack };
}

/** The command line: the row starting with the prompt. */
const promptLine = (frame: string) => frameLines(frame).find((l) => l.startsWith('›')) ?? '';

describe('Sandbox', () => {
  it('types letters that are single keys as text, and runs the command on Enter', async () => {
    const { app, driver } = setup();
    let frame = await type(app, 'crash replica-1');
    expect(promptLine(frame)).toBe('› crash replica-1');
    frame = await press(app, KEY.enter);
    expect(driver.live.log.map((e) => e.text)).toEqual(['crash replica-1']);
    expect(frame).toMatch(/› crash replica-1 {2}✓ replica-1 crashed/);
    expect(frame).toContain('1 command');
    app.unmount();
  });

  it('keeps a refused line with the error under it, and changes nothing', async () => {
    const { app, driver } = setup();
    await type(app, 'promote replica-9');
    const frame = await press(app, KEY.enter);
    expect(driver.live.log).toHaveLength(0);
    expect(promptLine(frame)).toBe('› promote replica-9');
    expect(frame).toMatch(/\^{9} unknown node "replica-9"/);
    app.unmount();
  });

  it('Esc switches to single keys: c fills in crash and shows the nodes; Tab picks one', async () => {
    const { app, driver } = setup();
    let frame = await press(app, KEY.escape);
    expect(frame).toContain('Enter type');
    frame = await press(app, 'c');
    expect(promptLine(frame)).toBe('› crash');
    expect(frame).toContain('Tab: primary  replica-1  replica-2');
    await press(app, '\t');
    await press(app, '\t');
    frame = await press(app, KEY.enter);
    expect(driver.live.log.map((e) => e.text)).toEqual(['crash replica-1']);
    // h heals at once: refused here (no partition), shown under the line.
    await press(app, KEY.escape);
    frame = await press(app, 'h');
    expect(frame).toContain('the network is not partitioned');
    // Refused, it stays in the line, back in typing mode to be seen.
    expect(promptLine(frame)).toBe('› heal');
    expect(frame).toContain('Enter run');
    app.unmount();
  });

  it('space on an empty line plays and pauses; the ticker moves virtual time at the speed', async () => {
    const { app, driver } = setup();
    // While the ticker runs, a frame can change before the key is handled: wait for the
    // footer itself rather than the next frame.
    await press(app, ' ');
    let frame = await untilMatch(app, /▶ live · 1×/);
    expect(frame).toContain('▶ live · 1×');
    await untilMatch(app, /t=0\.[1-9]/);
    expect(driver.live.now).toBeGreaterThan(0);
    await press(app, ' ');
    frame = await untilMatch(app, /⏸ paused/);
    expect(frame).toContain('⏸ paused');
    const t = driver.live.now;
    await new Promise((r) => setTimeout(r, 50));
    expect(driver.live.now).toBe(t);
    await type(app, ':speed 100');
    await press(app, KEY.enter);
    await press(app, ' ');
    await untilMatch(app, /100×/);
    // The first 100× tick may already have run when the footer shows 100×: measure the
    // next one from here.
    const before = driver.live.now;
    for (let i = 0; i < 500 && driver.live.now === before; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    // 100× : each 100 ms frame of the test clock is 10 s of virtual time.
    expect(driver.live.now - before).toBeGreaterThanOrEqual(10_000);
    app.unmount();
  });

  it('→ steps to the next event while paused, ← rewinds to the one before', async () => {
    const { app, driver } = setup();
    await type(app, 'write tweet hello');
    await press(app, KEY.enter);
    await press(app, KEY.escape);
    await press(app, KEY.right);
    const stepped = driver.live.now;
    expect(stepped).toBeGreaterThan(0);
    const frame = await press(app, KEY.left);
    expect(driver.live.now).toBeLessThan(stepped);
    expect(frame).toContain('⏪ rewound');
    app.unmount();
  });

  it('t (single keys) shows the status table in place of the panes, and t again hides it', async () => {
    const { app } = setup();
    await type(app, 'write tweet hello');
    await press(app, KEY.enter);
    await press(app, KEY.escape);
    await press(app, 't');
    let frame = await untilMatch(app, /Seconds_Behind_Source/);
    expect(frame).toContain('Seconds_Behind_Source');
    expect(frame).not.toContain('lag over the last');
    await press(app, 't');
    frame = await untilMatch(app, /lag over the last/);
    expect(frame).not.toContain('Seconds_Behind_Source');
    app.unmount();
  });

  it(':save from the line writes the file and says where', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rt-sandbox-'));
    const { app } = setup({ cwd });
    await type(app, 'crash replica-2');
    await press(app, KEY.enter);
    await type(app, ':save s.yaml');
    const frame = await press(app, KEY.enter);
    expect(frame).toContain(`✓ saved ${join(cwd, 's.yaml')}`);
    app.unmount();
  });

  it('leaving asks first when commands are unsaved; any key but y stays', async () => {
    const { app, onBack } = setup();
    await type(app, 'crash replica-2');
    await press(app, KEY.enter);
    await press(app, KEY.escape);
    let frame = await press(app, 'q');
    expect(frame).toContain('Leave the sandbox? 1 command not saved');
    frame = await press(app, 'n');
    expect(onBack).not.toHaveBeenCalled();
    await press(app, 'q');
    await press(app, 'y');
    expect(onBack).toHaveBeenCalledTimes(1);
    app.unmount();
  });

  it('leaves at once with nothing to save; :quit does the same', async () => {
    const { app, onBack } = setup();
    await type(app, ':quit');
    await press(app, KEY.enter);
    expect(onBack).toHaveBeenCalledTimes(1);
    app.unmount();
  });
});
