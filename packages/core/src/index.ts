// Public face of @imxflash/core.
export { ERROR_CODES, categoryOf, type ErrorCategory, type ErrorCode } from './errors/error-codes.js';
export { ImxflashError, isImxflashError, type ImxflashErrorOptions } from './errors/imxflash-error.js';
export { hex, hex32, hexBytes } from './util/hex.js';
export { MemoryImage, MemoryImageBuilder, type Segment } from './image/memory-image.js';
export { CompositeOrigin, RecordOrigin, namedOrigin, type SegmentOrigin } from './image/segment-origin.js';
