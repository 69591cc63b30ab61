import type { DriverId } from '@imxflash/core';
import type { DependencyContainer } from 'tsyringe';

/** A driver package's registration function: `register<Name>Driver(container, options?)` (STYLE R4). */
export type RegisterDriver = (container: DependencyContainer, options?: unknown) => void;

/**
 * The driver packages, in the order `--probe auto` prefers them. Each loads only when a device
 * command runs. A package that does not export its `register…Driver` yet (in development) is
 * reported by `doctor` and skipped.
 */
export const DRIVER_MODULES: ReadonlyArray<{ id: DriverId; packageName: string; load: () => Promise<Record<string, unknown>> }> = [
  { id: 'cmsis-dap', packageName: '@imxflash/probe-cmsisdap', load: async () => (await import('@imxflash/probe-cmsisdap')) as Record<string, unknown> },
  { id: 'jlink', packageName: '@imxflash/probe-jlink', load: async () => (await import('@imxflash/probe-jlink')) as Record<string, unknown> },
  { id: 'sdp', packageName: '@imxflash/probe-sdp', load: async () => (await import('@imxflash/probe-sdp')) as Record<string, unknown> },
];

/** The package's `register…Driver` export, if it has one. */
export function findRegisterFunction(module: Record<string, unknown>): RegisterDriver | undefined {
  for (const [name, value] of Object.entries(module)) {
    if (/^register\w*Driver$/.test(name) && typeof value === 'function') return value as RegisterDriver;
  }
  return undefined;
}
