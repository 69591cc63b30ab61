/**
 * A frozen, sparse picture of a NOR array: the array's bytes cut into chunks of `chunkBytes`
 * (the last one shorter when the size is not a multiple), `undefined` for a chunk that is all
 * 0xFF. Chunks are shared, never written: a {@link NorArray} that exports or loads an image copies
 * a chunk before its first write to it (copy-on-write), so saving, loading and handing a board's
 * flash to another board cost one reference per chunk instead of a copy of the whole part.
 */
export interface NorArrayImage {
  readonly sizeBytes: number;
  readonly chunkBytes: number;
  readonly chunks: readonly (Uint8Array | undefined)[];
}

/** The chunk size of the sparse array: the smallest common erase unit, and the state file's. */
export const NOR_ARRAY_CHUNK_BYTES = 4096;

/** True when `bytes[start, end)` are all 0xFF (word compares where aligned). */
export function isErasedRange(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (((bytes.byteOffset + i) & 3) === 0 && end - i >= 4) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (end - i) >>> 2);
    for (let w = 0; w < words.length; w++) if (words[w] !== 0xffff_ffff) return false;
    i += words.length << 2;
  }
  for (; i < end; i++) if (bytes[i] !== 0xff) return false;
  return true;
}

/**
 * The image of a flat array. `copy` false: the chunks are views into `bytes` (for a reader that
 * is done before `bytes` can change, such as the state file encoder); true: non-blank chunks are
 * copied, so later writes to `bytes` do not reach the image.
 */
export function norArrayImageOf(bytes: Uint8Array, copy: boolean, chunkBytes = NOR_ARRAY_CHUNK_BYTES): NorArrayImage {
  const chunks: (Uint8Array | undefined)[] = [];
  for (let start = 0; start < bytes.length; start += chunkBytes) {
    const end = Math.min(start + chunkBytes, bytes.length);
    if (isErasedRange(bytes, start, end)) chunks.push(undefined);
    else chunks.push(copy ? bytes.slice(start, end) : bytes.subarray(start, end));
  }
  return { sizeBytes: bytes.length, chunkBytes, chunks };
}

/** The whole image as one flat array (0xFF where no chunk is stored). */
export function materialiseNorArrayImage(image: NorArrayImage): Uint8Array {
  const out = new Uint8Array(image.sizeBytes);
  for (let i = 0, start = 0; start < image.sizeBytes; i++, start += image.chunkBytes) {
    const chunk = image.chunks[i];
    if (chunk === undefined) out.fill(0xff, start, Math.min(start + image.chunkBytes, image.sizeBytes));
    else out.set(chunk, start);
  }
  return out;
}

/** Images behind lazy byte properties, by owner object; gone once the bytes are read. */
const lazyImages = new WeakMap<object, Map<PropertyKey, NorArrayImage>>();

/**
 * Defines `target[key]` as the bytes of `image`, materialised (and memoised as a plain data
 * property) on first read, so a state object keeps its `Uint8Array` field while the sim passes
 * the sparse image along without building 8 MiB. {@link lazyNorArrayImage} hands the image back
 * as long as nobody has read the bytes (after a read they could have been changed in place).
 * The property is enumerable: a spread `{ ...state }` reads it and so carries plain bytes.
 */
export function defineLazyNorArrayBytes<T extends object>(target: T, key: PropertyKey, image: NorArrayImage): T {
  let images = lazyImages.get(target);
  if (images === undefined) lazyImages.set(target, (images = new Map()));
  images.set(key, image);
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      const bytes = materialiseNorArrayImage(image);
      lazyImages.get(target)?.delete(key);
      Object.defineProperty(target, key, { value: bytes, enumerable: true, configurable: true, writable: true });
      return bytes;
    },
  });
  return target;
}

/** The image behind `target[key]` while its bytes were never read; else undefined. */
export function lazyNorArrayImage(target: object, key: PropertyKey): NorArrayImage | undefined {
  return lazyImages.get(target)?.get(key);
}

/** The byte length of `target[key]` without materialising a lazy image. */
export function norArrayBytesLength(target: object, key: PropertyKey): number {
  return lazyNorArrayImage(target, key)?.sizeBytes ?? (target as Record<PropertyKey, Uint8Array>)[key as string]!.length;
}
