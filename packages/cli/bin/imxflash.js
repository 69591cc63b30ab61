#!/usr/bin/env node
// Committed entry point, so npm can link the bin before `tsc -b` has built dist/ (the root
// `prepare` script builds it during `npm install`).
import('../dist/bin.js').catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/bin.js')) {
    process.stderr.write('imxflash is not built yet: run `npm install` (or `npx tsc -b tsconfig.build.json`) at the repository root.\n');
    process.exitCode = 4;
    return;
  }
  throw e;
});
