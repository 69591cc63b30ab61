import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.js';

// The matrix flashes every driver on the sim: slower than unit tests, so a longer per-test timeout.
export default defineProject({ ...sourceResolve, test: { name: 'fault-matrix', testTimeout: 120_000 } });
