import type { Chip } from '../chip.js';
import { rt1010 } from './rt1010.js';
import { rt1015 } from './rt1015.js';
import { rt1020 } from './rt1020.js';
import { rt1024 } from './rt1024.js';
import { rt1040 } from './rt1040.js';
import { rt1050 } from './rt1050.js';
import { rt1060 } from './rt1060.js';
import { rt1064 } from './rt1064.js';
import { rt1170 } from './rt1170.js';

export { rt1010, rt1015, rt1020, rt1024, rt1040, rt1050, rt1060, rt1064, rt1170 };

/** Every chip imxflash knows. Adding one is a file plus a line here (STYLE R11). */
export const CHIPS: readonly Chip[] = [rt1010, rt1015, rt1020, rt1024, rt1040, rt1050, rt1060, rt1064, rt1170];
