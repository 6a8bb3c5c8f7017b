// `sandbox` in a terminal: the sandbox screen alone. Leaving it (q, :quit) quits; Ctrl-C
// quits from anywhere (raw mode delivers it as a key; the caller turns the reason into an
// exit status).
import { useApp } from 'ink';
import type { ExitReason } from '../app/app.js';
import { useKeys } from '../keys/use-keys.js';
import { Sandbox } from './sandbox.js';
import type { SandboxDriver } from './sandbox-driver.js';

export interface SandboxAppProps {
  driver: SandboxDriver;
  onExit: (reason: ExitReason) => void;
}

export function SandboxApp({ driver, onExit }: SandboxAppProps) {
  const { exit } = useApp();
  const leave = (reason: ExitReason) => {
    onExit(reason);
    exit();
  };
  useKeys((input, key) => {
    if (key.ctrl && input === 'c') leave('interrupt');
  });
  return <Sandbox driver={driver} onBack={() => leave('quit')} />;
}
