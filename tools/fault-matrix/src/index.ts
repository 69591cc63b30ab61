// Public face of @imxflash/fault-matrix (private): the sim driver rigs the fault matrix and the
// transport benchmark (tools/bench) share. The matrix itself is tests (src/*.test.ts).
export {
  createSimDriverRig, SIM_TRANSPORTS, TRANSPORT_LABEL, type SimDriverRig, type SimDriverRigOptions, type SimTransport,
} from './sim-driver-rig.js';
export { countLinkTraffic, type LinkTraffic } from './link-traffic.js';
