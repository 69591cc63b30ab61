#!/usr/bin/env node
import { nodeIo } from './io.js';
import { runCli } from './run-cli.js';

// Ctrl-C once: stop after the current device operation and say what the flash holds; twice: now.
const abort = new AbortController();
process.on('SIGINT', () => {
  if (abort.signal.aborted) process.exit(130);
  process.stderr.write('\nstopping after the current operation (Ctrl-C again to quit at once)…\n');
  abort.abort(new Error('interrupted (Ctrl-C)'));
});

process.exitCode = await runCli(process.argv.slice(2), nodeIo(abort.signal));
// Native bindings (USB, HID) can keep the event loop alive after the command is done.
process.exit();
