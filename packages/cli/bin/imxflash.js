#!/usr/bin/env node
// Committed entry point, so npm can link the bin before the build has run. It loads the
// single-file bundle (one module to load: faster start-up), or the unbundled build if the
// bundle step has not run.
const missing = (e, file) => e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(file);

import('../dist/imxflash.bundle.js')
  .catch((e) => {
    if (missing(e, 'imxflash.bundle.js')) return import('../dist/bin.js');
    throw e;
  })
  .catch((e) => {
    if (missing(e, 'dist/bin.js')) {
      process.stderr.write('imxflash is not built yet: run `npm install` (or `npm run prepare`) at the repository root.\n');
      process.exitCode = 4;
      return;
    }
    throw e;
  });
