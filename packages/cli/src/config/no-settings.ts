import type { Settings } from './settings.js';

/** Settings with nothing given (no file read): the context of a run that failed before its command started. */
export const NO_SETTINGS: Settings = {
  chip: undefined,
  flash: undefined,
  probe: 'auto',
  flashloader: undefined,
  sim: false,
  simState: undefined,
  erase: undefined,
  mode: undefined,
  verify: undefined,
  reset: undefined,
  speedKhz: undefined,
  jlink: {},
  sources: {},
  configSource: undefined,
};
