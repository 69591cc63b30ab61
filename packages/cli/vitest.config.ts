import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.js';

export default defineProject({
  ...sourceResolve,
  // The subprocess tests run the built bin (what `npx imxflash` runs): build it once first.
  test: { name: 'cli', globalSetup: ['src/testing/build-bin.global-setup.ts'] },
});
