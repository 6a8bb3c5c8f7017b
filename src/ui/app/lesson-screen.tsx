// A lesson on screen: its driver (created once) and the player. The app loads this module
// lazily, after the menu's first frame, because it brings the simulator and the lesson
// engine with it.
import { useState } from 'react';
import type { Lesson } from '../../lesson/format/types.js';
import type { ProgressStore } from '../../progress/progress-store.js';
import { type DriverOptions, LessonDriver } from '../player/lesson-driver.js';
import { Player, type PlayerProps } from '../player/player.js';
import { LessonErrorBoundary } from './lesson-error.js';

export interface LessonScreenProps {
  lesson: Lesson;
  store?: ProgressStore;
  options?: DriverOptions;
  onBack: () => void;
  player?: Pick<PlayerProps, 'initial' | 'clock' | 'frameMs'>;
}

function LessonPlayer({ lesson, store, options, onBack, player }: LessonScreenProps) {
  const [driver] = useState(() => new LessonDriver(lesson, store, options));
  return <Player driver={driver} onBack={onBack} {...player} />;
}

export function LessonScreen(props: LessonScreenProps) {
  return (
    <LessonErrorBoundary onBack={props.onBack}>
      <LessonPlayer {...props} />
    </LessonErrorBoundary>
  );
}
