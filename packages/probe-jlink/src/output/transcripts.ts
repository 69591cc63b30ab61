/**
 * JLinkExe output as published (research/jlink.md §2.3, copied exactly, typos included), for
 * parser tests. Each names its source. Truncated excerpts stop where the source stops.
 */
export const TRANSCRIPTS = {
  /** T-1: MCUXpresso 11.2, J-Link V6.82d, RT1052 + IS25WP064A (community.nxp.com m-p/1038960). */
  t1WritingFailed: ' (a good connection to the M7) ...\n Writing target memory failed.\n Script processing completed.\n Unable to perform operation!\n Command failed with exit code 1\n',
  /** T-2: RT1062, V7.54b (community.nxp.com td-p/1341993). */
  t2PrepareRamcode:
    '...\nDownloading file [C:\\Users\\graem\\Documents\\MCUXpressoIDE_11.4.1_6260\\workspace\\eaimxrt1062_hello_world\\Debug\\eaimxrt1062_hello_world.hex]...\n****** Error: Failed to prepare RAMCode using RAM\nError while determining flash info (Bank @ 0x60000000)\nCould not start CPU core. (ErrorCode: -1)\nUnspecified error -1\nScript processing completed.\nUnable to perform operation!\nCommand failed with exit code 1\n',
  /** T-5: V6.46g west flash, first connect failed (zephyr #20010). */
  t5CannotConnect:
    'SEGGER J-Link Commander V6.46g (Compiled Jun 14 2019 19:36:40)\nDLL version V6.46g, compiled Jun 14 2019 19:36:30\n\n\nJ-Link Command File read successfully.\nProcessing script file...\n\nJ-Link connection not established yet but required for command.\nConnecting to J-Link via USB...O.K.\nFirmware: J-Link OpenSDA 2 compiled May 27 2019 11:01:03\nHardware version: V1.00\nS/N: 621000000\nVTref=3.300V\nTarget connection not established yet but required for command.\nDevice "MCIMXRT1052" selected.\n\n\nConnecting to target via SWD\nCannot connect to target.\n\nTarget connection not established yet but required for command.\nDevice "MCIMXRT1052" selected.\n',
  /** T-8: RT1060 after V7.70d, HyperFlash loader by default (zephyr #50327). */
  t8CoreDoesNotStop: 'ERROR: Timeout while preparing target, core does not stop.\n',
  /** T-13: zephyr PR #14751. */
  t13PrepareProgramming: '****** Error: Failed to prepare for programming.\nCould not preserve target memory.\nError while determining flash info (Bank @ 0x20000000)\nUnspecified error -1\n',
  /** T-14: no target, no ExitOnError, exit 0 (zephyr PR #38595). */
  t14NoTarget:
    'Connecting to target via SWD\nInitTarget() start\nInitTarget() end\nCannot connect to target.\n\nTarget connection not established yet but required for command.\nDevice "NRF52" selected.\n\nConnecting to target via SWD\nCannot connect to target.\n\nWriting failed.\n\nReading failed.\n\nScript processing completed.\n',
  /** T-16: missing command file with ExitOnError, V6.42d (RIOT PR #11856). */
  t16NoCommandFile:
    "SEGGER J-Link Commander V6.42d (Compiled Feb 15 2019 13:56:53)\nDLL version V6.42d, compiled Feb 15 2019 13:56:43\n\nJ-Link Commander will now exit on Error\nCould not open J-Link Command File 'lala'\n",
  /** T-18: successful download with progress lines, 7.x (PlatformIO README). */
  t18Success:
    "J-Link>loadfile .pio/build/hifive1-revb/firmware.hex\n'loadfile': Performing implicit reset & halt of MCU.\nReset type: Normal (https://wiki.segger.com/J-Link_Reset_Strategies)\nRISC-V: Performing reset via <ndmreset>\nDownloading file [.pio/build/hifive1-revb/firmware.hex]...\nComparing flash   [100%] Done.\nErasing flash     [100%] Done.\nProgramming flash [100%] Done.\nJ-Link: Flash download: Bank 0 @ 0x20000000: 1 range affected (65536 bytes)\nJ-Link: Flash download: Total: 0.767s (Prepare: 0.000s, Compare: 0.318s, Erase: 0.139s, Program & Verify: 0.208s, Restore: 0.101s)\nJ-Link: Flash download: Program & Verify speed: 308 KB/s\nO.K.\nJ-Link>r\nReset delay: 0 ms\nReset type: Normal (https://wiki.segger.com/J-Link_Reset_Strategies)\nRISC-V: Performing reset via <ndmreset>\nJ-Link>q\n\nScript processing completed.\n",
  /** T-20: Contents already match (older 7.x). */
  t20ContentsMatch:
    "J-Link>loadbin /tmp/r7s72100-streamit.dtb.bin,0x180C0000\n'loadbin': Performing implicit reset & halt of MCU.\nAfterResetTarget() start\nAfterResetTarget() end - Took 8.59ms\nDownloading file [/tmp/r7s72100-streamit.dtb.bin]...\nJ-Link: Flash download: Bank 0 @ 0x18000000: Skipped. Contents already match\nO.K.\n",
  /** T-21: older erase and loadfile wording (7.5x era), "Total time needed". */
  t21OldWording:
    'Cortex-M4 identified.\nJ-Link>erase\nWithout any give address range, Erase Chip will be executed\nErasing device...\nJ-Link: Flash download: Total time needed: 0.505s (Prepare: 0.072s, Compare: 0.000s, Erase: 0.415s, Program: 0.000s, Verify: 0.000s, Restore: 0.017s)\nErasing done.\nJ-Link>loadfile D:\\blink.bin\nNo address passed for .bin file. Assuming address: 0x0\nDownloading file [D:\\blink.bin]...\nJ-Link: Flash download: Bank 0 @ 0x00000000: 2 ranges affected (40960 bytes)\nJ-Link: Flash download: Total: 0.903s (Prepare: 0.166s, Compare: 0.145s, Erase: 0.021s, Program & Verify: 0.449s, Restore: 0.119s)\nJ-Link: Flash download: Program & Verify speed: 89 KB/s\nO.K.\n',
  /** T-23: KiB/s (recent 8.x). */
  t23Kibps:
    'Downloading file [build\\arm_none_eabi_gcc\\release_spi\\bmv080_example.bin]...\nComparing flash   [100%] Done.\nErasing flash     [100%] Done.\nProgramming flash [100%] Done.\nJ-Link: Flash download: Bank 0 @ 0x08000000: 2 ranges affected (131072 bytes)\nJ-Link: Flash download: Total: 0.380s (Prepare: 0.039s, Compare: 0.005s, Erase: 0.000s, Program & Verify: 0.311s, Restore: 0.024s)\nJ-Link: Flash download: Program & Verify speed: 411 KiB/s\nO.K.\n\nReset delay: 0 ms\nReset type NORMAL: Resets core & peripherals via SYSRESETREQ & VECTRESET bit.\nReset: Halt core after reset via DEMCR.VC_CORERESET.\nReset: Reset device via AIRCR.SYSRESETREQ.\n\nScript processing completed.\n',
  /** "Also seen": headless Linux GUI server failure, not fatal (V6.82c). */
  guiServerNoise:
    '/opt/SEGGER/JLink_V682c/JLinkGUIServerExe: error while loading shared libraries: libSM.so.6: cannot open shared object file: No such file or directory\nDownloading file [/tmp/x.bin]...\nO.K.\n',
} as const;
