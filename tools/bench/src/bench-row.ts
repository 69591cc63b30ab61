/** Input formats the bench feeds every tool (ELF only when binutils can link one). */
export type InputFormat = 'ihex' | 'srec' | 'elf';

/** Who converted: the spelling used in tables and verdicts. */
export const TOOL_LABELS = {
  imxflashCli: 'imxflash image build',
  imxflashInProcess: 'imxflash in-process',
  objcopy: 'arm-none-eabi-objcopy',
  srecCat: 'srec_cat',
} as const;
export type ToolId = keyof typeof TOOL_LABELS;

/** One tool converting one input file: the figures printed, never asserted. */
export interface BenchRow {
  readonly tool: ToolId;
  readonly input: InputFormat;
  /** Size of the app (the fixture's data bytes), not of the input file. */
  readonly imageBytes: number;
  readonly inputFileBytes: number;
  readonly outputBytes: number;
  readonly runs: number;
  readonly medianWallMs: number;
  readonly peakRssKiB: number | undefined;
}
