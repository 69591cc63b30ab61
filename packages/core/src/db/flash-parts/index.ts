import type { FlashPart } from '../flash-part.js';
import { at25sf128a } from './at25sf128a.js';
import { gd25q64c } from './gd25q64c.js';
import { is25lp064a } from './is25lp064a.js';
import { is25wp064a } from './is25wp064a.js';
import { is25wp128 } from './is25wp128.js';
import { is25wp256 } from './is25wp256.js';
import { mx25l6433f } from './mx25l6433f.js';
import { s26ks512s } from './s26ks512s.js';
import { w25q128jv } from './w25q128jv.js';
import { w25q256jv } from './w25q256jv.js';
import { w25q64jv } from './w25q64jv.js';
import { w25q64jvIm } from './w25q64jv-im.js';

export { at25sf128a, gd25q64c, is25lp064a, is25wp064a, is25wp128, is25wp256, mx25l6433f, s26ks512s, w25q128jv, w25q256jv, w25q64jv, w25q64jvIm };

/** Every flash part imxflash knows. Adding one is a file plus a line here (STYLE R11). */
export const FLASH_PARTS: readonly FlashPart[] = [
  is25wp064a, is25lp064a, is25wp128, is25wp256,
  w25q64jv, w25q64jvIm, w25q128jv, w25q256jv,
  mx25l6433f, gd25q64c, at25sf128a, s26ks512s,
];
