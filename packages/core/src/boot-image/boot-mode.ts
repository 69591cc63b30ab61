/** How the ROM gets the app: run it in place, copy it to RAM, or take the input's own headers. */
export type BootMode = 'xip' | 'ram' | 'as-is';
export type BootModeRequest = BootMode | 'auto';
export const BOOT_MODE_REQUESTS: readonly BootModeRequest[] = ['auto', 'xip', 'ram', 'as-is'];
