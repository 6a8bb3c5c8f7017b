// The sandbox inside the app: from the menu (pick a preset, then the sandbox; leaving it
// returns to the menu) and from the player ("open this moment": the lesson's cluster as it
// stands, leaving returns to the player). Loaded lazily with the player: it brings the live
// cluster and the simulator.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { type LabOrigin, originFromPreset } from '../../lab/lab-origin.js';
import { PRESETS } from '../../lab/presets.js';
import { ChoiceList } from '../choice-list/choice-list.js';
import { Sandbox, type SandboxProps } from '../sandbox/sandbox.js';
import { SandboxDriver } from '../sandbox/sandbox-driver.js';
import { isTooSmall, TooSmall } from '../screen/too-small.js';
import { useWindowSize } from '../screen/use-window-size.js';
import { useTheme } from '../theme/use-theme.js';

export interface SandboxOfOriginProps {
  origin: LabOrigin;
  label: string;
  onBack: () => void;
  /** Passed to the sandbox (tests). */
  sandbox?: Pick<SandboxProps, 'initial' | 'clock' | 'frameMs'>;
}

/** A sandbox on `origin`; its session lives as long as this is on screen. */
export function SandboxOfOrigin({ origin, label, onBack, sandbox }: SandboxOfOriginProps) {
  const [driver] = useState(() => new SandboxDriver(origin, { label }));
  return <Sandbox driver={driver} onBack={onBack} {...sandbox} />;
}

export interface PresetPickerProps {
  onPick: (name: string) => void;
  onBack: () => void;
}

/** Which cluster to start from: the presets, numbered, with what each one is. */
export function PresetPicker({ onPick, onBack }: PresetPickerProps) {
  const theme = useTheme();
  const size = useWindowSize();
  if (isTooSmall(size)) return <TooSmall size={size} />;
  const width = size.columns;
  return (
    <Box flexDirection="column" width={width} height={size.rows - 1} overflowY="hidden">
      <Text bold color={theme.color('heading')}>
        Sandbox: a live cluster to break by typing commands
      </Text>
      <Text dimColor wrap="truncate-end">
        Pick the cluster to start from. Any lesson opens in the sandbox too: press s in the player.
      </Text>
      <Text> </Text>
      <ChoiceList
        choices={PRESETS.map((p) => `**${p.name}**: ${p.summary}`)}
        width={width}
        height={size.rows - 6}
        onChoose={(i) => onPick(PRESETS[i]?.name ?? PRESETS[0]!.name)}
        onBack={onBack}
      />
      <Text> </Text>
      <Text dimColor wrap="truncate-end">
        1-{PRESETS.length} or ↑↓ and Enter to start · q/Esc back to the menu
      </Text>
    </Box>
  );
}

export interface MenuSandboxProps {
  onBack: () => void;
  sandbox?: SandboxOfOriginProps['sandbox'];
}

/** The menu's sandbox entry: the picker, then the sandbox; both go back to the menu. */
export function MenuSandbox({ onBack, sandbox }: MenuSandboxProps) {
  const [preset, setPreset] = useState<string>();
  if (preset === undefined) return <PresetPicker onPick={setPreset} onBack={onBack} />;
  return (
    <SandboxOfOrigin
      origin={originFromPreset(preset)}
      label={preset}
      onBack={onBack}
      sandbox={sandbox}
    />
  );
}
