// One sim benchmark pass in a fresh process, so its peak RSS is its own:
// node dist/sim-flexspi-child.js <blocks|chip>
// Prints one JSON line: SimFlexspiPassResult + maxRssKiB (process.resourceUsage().maxRSS).
import { runSimFlexspiPass, type SimEraseMode } from './sim-flexspi-pass.js';

const erase = process.argv[2];
if (erase !== 'blocks' && erase !== 'chip') {
  process.stderr.write('usage: node sim-flexspi-child.js <blocks|chip>\n');
  process.exit(2);
}
const result = runSimFlexspiPass({ erase: erase as SimEraseMode });
process.stdout.write(`${JSON.stringify({ ...result, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
