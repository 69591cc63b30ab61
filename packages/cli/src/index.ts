// Public face of @imxflash/cli: the `imxflash` command as a function, for embedding and tests.
export { runCli } from './run-cli.js';
export { nodeIo, type Io } from './io.js';
export { EXIT } from './exit-codes.js';
