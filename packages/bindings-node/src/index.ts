// Public face: the real bindings, one file per native module, each loading it lazily (DESIGN §3).
export const packageName = '@imxflash/bindings-node';
