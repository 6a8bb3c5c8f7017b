// A lesson on screen: its driver (created once) and the player. The app loads this module
// lazily, after the menu's first frame, because it brings the simulator and the lesson
// engine with it.
import { useState } from 'react';
import { type LabOrigin, originFromLesson } from '../../lab/lab-origin.js';
import type { Lesson } from '../../lesson/format/types.js';
import type { ProgressStore } from '../../progress/progress-store.js';
import { type DriverOptions, LessonDriver } from '../player/lesson-driver.js';
import { Player, type PlayerProps } from '../player/player.js';
import { LessonErrorBoundary } from './lesson-error.js';
import { SandboxOfOrigin } from './sandbox-entry.js';

export { MenuSandbox } from './sandbox-entry.js';

export interface LessonScreenProps {
  lesson: Lesson;
  store?: ProgressStore;
  options?: DriverOptions;
  onBack: () => void;
  player?: Pick<PlayerProps, 'initial' | 'clock' | 'frameMs'>;
}

function LessonPlayer({ lesson, store, options, onBack, player }: LessonScreenProps) {
  const [driver] = useState(() => new LessonDriver(lesson, store, options));
  // "Open this moment in the sandbox": the driver stays, so leaving the sandbox finds the
  // lesson where it was (paused).
  const [sandbox, setSandbox] = useState<LabOrigin>();
  const [sandboxVisited, setSandboxVisited] = useState(false);
  if (sandbox) {
    return (
      <SandboxOfOrigin origin={sandbox} label={lesson.id} onBack={() => setSandbox(undefined)} />
    );
  }
  const openSandbox = () => {
    const runner = driver.runner;
    // The runner keeps answers as displayed; the lesson file's order is what replays.
    const answers = runner.given.map(
      ([label, shown]) => [label, runner.fileIndex(label, shown)] as const,
    );
    setSandboxVisited(true);
    setSandbox(
      originFromLesson(driver.lesson, { step: runner.cursor, answers, seed: runner.seed }),
    );
  };
  return (
    <Player
      driver={driver}
      onBack={onBack}
      onSandbox={openSandbox}
      {...player}
      initial={sandboxVisited ? { ...player?.initial, paused: true } : player?.initial}
    />
  );
}

export function LessonScreen(props: LessonScreenProps) {
  return (
    <LessonErrorBoundary onBack={props.onBack}>
      <LessonPlayer {...props} />
    </LessonErrorBoundary>
  );
}
