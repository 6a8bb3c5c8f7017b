import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerOf, layerViolations, readSources } from './layer-rules.js';

const SRC = join(import.meta.dirname, '../../src');

describe('layers', () => {
  const files = readSources(SRC);

  it('places every source file in a layer', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(layerOf('ui/player/player.tsx')).toBe('ui');
    expect(layerOf('lesson/engine/runner.ts')).toBe('lesson/engine');
    expect(layerOf('cli.ts')).toBe('cli');
  });

  it('imports only downward, and the simulator only through its index', () => {
    expect(layerViolations(files)).toEqual([]);
  });

  it('fails on an upward import and on a reach into the simulator', () => {
    const broken = [
      { path: 'sim/replication.ts', text: "import { App } from '../ui/app/app.js';" },
      { path: 'lesson/format/load.ts', text: "import type { X } from '../engine/runner.js';" },
      { path: 'progress/progress-store.ts', text: "const q = await import('../quiz/drill.js');" },
      {
        path: 'ui/player/player.tsx',
        text: "import { Simulation } from '../../sim/simulation.js';",
      },
      { path: 'quiz/drill.ts', text: "import { Simulation } from '../sim/index.js';" },
    ];
    expect(layerViolations(broken)).toEqual([
      'sim/replication.ts → ui/app/app.js: sim may not import ui',
      'lesson/format/load.ts → lesson/engine/runner.js: lesson/format may not import lesson/engine',
      'progress/progress-store.ts → quiz/drill.js: progress may not import quiz',
      'ui/player/player.tsx → sim/simulation.js: only sim/index.ts is imported from outside sim',
    ]);
  });
});
