// Shared per-package vitest settings.
// - Tests run against the sources: the '@imxflash/source' export condition points each workspace
//   package at its src/index.ts, so no build is needed first. The other conditions are Vite's
//   default server conditions, which setting the option replaces.
// - Legacy (experimentalDecorators) decorators for tsyringe's @injectable/@inject: Vite's oxc
//   transform enables them only for files a tsconfig with experimentalDecorators covers, and the
//   packages' tsconfigs exclude *.test.ts.
const conditions = ['@imxflash/source', 'module', 'node', 'development|production'];

export const sourceResolve = {
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  oxc: { decorator: { legacy: true } },
};
