// Tests run against the sources: the '@imxflash/source' export condition points each
// workspace package at its src/index.ts, so no build is needed before `npm test`.
// The rest are Vite's default server conditions, which setting the option replaces.
const conditions = ['@imxflash/source', 'module', 'node', 'development|production'];

export const sourceResolve = {
  resolve: { conditions },
  ssr: { resolve: { conditions } },
};
