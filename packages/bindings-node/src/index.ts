// Public face: the real bindings, one file per native module, each loading it lazily (DESIGN §3).
export const packageName = '@imxflash/bindings-node';
export { ChildProcessRunner } from './child-process-runner.js';
export { NodeFileSystem } from './node-file-system.js';
