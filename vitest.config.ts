import { defineConfig } from 'vitest/config';
import PlainSummaryReporter from './vitest.summary-reporter.js';

export default defineConfig({
  test: {
    projects: ['packages/*', 'tools/*'],
    reporters: ['default', new PlainSummaryReporter()],
  },
});
