// Public face of this package; filled in by its own issue.
export const packageName = '@imxflash/probe-cmsisdap';
