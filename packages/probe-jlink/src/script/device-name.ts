import type { Chip } from '@imxflash/core';

/**
 * The J-Link device name per core chip entry (research/jlink.md §4.1; the generic names SEGGER
 * introduced in V6.32 where known). The user can give another with the driver's `device` option.
 */
const DEVICE_BY_CHIP: Readonly<Record<string, string>> = {
  rt1010: 'MIMXRT1011xxx5A', // UNVERIFIED spelling; the XML lists MIMXRT1011 with alias MIMXRT1011XXX5A
  rt1015: 'MIMXRT1015xxx5A', // UNVERIFIED: not in research/jlink.md §4.1
  rt1020: 'MIMXRT1021xxx5A',
  rt1024: 'MIMXRT1024xxx5A',
  rt1040: 'MIMXRT1042xxxxB',
  rt1050: 'MIMXRT1052xxxxB',
  rt1060: 'MIMXRT1062xxx6A',
  rt1064: 'MIMXRT1064xxx6A',
  rt1170: 'MIMXRT1176xxxA_M7',
};

export function jlinkDeviceName(chip: Pick<Chip, 'id'>): string | undefined {
  return DEVICE_BY_CHIP[chip.id];
}

/** Loader names SEGGER uses in `?Loader=` (research/jlink.md §4.3). */
export function jlinkLoaderName(flash: 'spi-nor' | 'hyperflash'): 'QSPI' | 'HyperFlash' {
  return flash === 'hyperflash' ? 'HyperFlash' : 'QSPI';
}

/** `MIMXRT1052xxxxB?BankAddr=0x60000000&Loader=QSPI` (V7.70d+). */
export function deviceWithLoader(device: string, bankAddress: number, loader: string): string {
  return `${device}?BankAddr=0x${bankAddress.toString(16).toUpperCase().padStart(8, '0')}&Loader=${loader}`;
}
