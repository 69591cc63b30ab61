export { createFlashModel, type CreateFlashModelOptions } from './create-flash-model.js';
export { checkFlashModelState, type FlashModel, type FlashModelState } from './flash-model.js';
export {
  HyperFlashModel,
  HYPERFLASH_SR_DRB,
  HYPERFLASH_SR_ESB,
  HYPERFLASH_SR_PSB,
  HYPERFLASH_SR_WBASB,
  type HyperFlashModelOptions,
} from './hyperflash-model.js';
export { decodeHyperBusCa, encodeHyperBusCa, HYPERBUS_CA_BYTES, type HyperBusCommandAddress } from './hyperbus-command-address.js';
export { LineNoise, UNDRIVEN_BYTE } from './line-noise.js';
export { NorArray, type StuckBits } from './nor-array.js';
export { NorFaults } from './nor-faults.js';
export { buildSfdpTable, quadEnableRequirement, SFDP_BFPT_OFFSET, SFDP_SIGNATURE } from './sfdp-table.js';
export {
  buildSpiNorCommandTable,
  FOUR_BYTE_TWIN,
  threeByteOpcode,
  type SpiNorCommand,
  type SpiNorCommandKind,
  type SpiNorCommandTable,
} from './spi-nor-commands.js';
export { SpiNorModel, type SpiNorModelOptions } from './spi-nor-model.js';
export { SpiNorStatusRegisters, WEL_BIT } from './status-register.js';
