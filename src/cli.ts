// Entry point. Keep imports here cheap: commander only. Every command module (and with it
// React, Ink, the simulator) is imported lazily when that command runs.
import { runCli } from './cli/program.js';

process.exitCode = await runCli(process.argv.slice(2));
