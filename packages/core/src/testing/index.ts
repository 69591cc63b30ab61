// Test helpers of @imxflash/core, exported as `@imxflash/core/testing` (uses vitest).
export { ManualClock } from './manual-clock.js';
export { MemoryFlashDevice, type FlashOperation, type MemoryFlashOptions } from './memory-flash-device.js';
export { describeFlashDeviceContract, type OpenedFlash } from './flash-device-contract.js';
export { expectOnlyImxflashErrors, fuzzRuns } from './fuzz.js';
