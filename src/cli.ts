// Entry point. Keep imports here cheap: commander only. Every command module (and with it
// React, Ink, the simulator) is imported lazily when that command runs.
import { runCli } from './cli/program.js';

// A reader that stops early (`| head`) closes the pipe: stop quietly. Progress is saved after
// every step, so nothing is lost.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

process.exitCode = await runCli(process.argv.slice(2));
