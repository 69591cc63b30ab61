// One transport benchmark pass in a fresh process (its wall time and peak RSS are its own):
// node dist/transport-bench-child.js <sdp-hid|sdp-uart|dap-v2|dap-v1|jlink> <image bytes>
// Prints one JSON line: { rows: TransportPassRow[], maxRssKiB }.
import { SIM_TRANSPORTS, type SimTransport } from '@imxflash/fault-matrix';
import { runTransportPass } from './transport-pass.js';

const transport = process.argv[2] as SimTransport;
const bytes = Number(process.argv[3]);
if (!SIM_TRANSPORTS.includes(transport) || !(Number.isInteger(bytes) && bytes > 0)) {
  process.stderr.write(`usage: node transport-bench-child.js <${SIM_TRANSPORTS.join('|')}> <image bytes>\n`);
  process.exit(2);
}
const rows = await runTransportPass(transport, bytes);
process.stdout.write(`${JSON.stringify({ rows, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
