/** Driver ids, spelled the same in the CLI, in selectors and in JSON (STYLE R1). */
export const DRIVER_IDS = ['cmsis-dap', 'jlink', 'sdp'] as const;

export type DriverId = (typeof DRIVER_IDS)[number];

export function isDriverId(text: string): text is DriverId {
  return (DRIVER_IDS as readonly string[]).includes(text);
}
