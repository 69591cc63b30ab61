/**
 * CRC-32/ISO-HDLC (polynomial 0x04C11DB7 reflected = 0xEDB88320, init and xorout 0xFFFFFFFF):
 * the zlib/PNG CRC, the one FlashDevice.checksum returns. Check value: crc32("123456789") = 0xCBF43926.
 */
const TABLE = makeTable();

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb8_8320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/** CRC of `data`; pass a previous result as `crc` to continue over more data. */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
