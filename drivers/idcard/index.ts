/**
 * ID card (二代证 SAM) reader driver: public surface for the host.
 * Renderer-safe shapes live in ./schemas (pure zod); everything else here is Node-only.
 */
export {
  createIdCardReader,
  type IdCardReaderConfig,
  type IdCardReaderTuning,
  probeSerialPorts,
  type SerialProbeResult,
} from './createIdCardReader';
export { type DriverLogger, maskIdNumber, maskName } from './driverLogger';
export { type HidFraming, plainSplitFraming } from './hidFraming';
export { IdCardReader, type IdCardReaderEvents, type IdCardReaderOptions } from './idCardReader';
export {
  type DecodedPhoto,
  loadVendorWltDecoder,
  noPhotoDecoder,
  type PhotoDecoder,
  type VendorWltLibraryConfig,
} from './photoDecoder';
export type { SamTransport } from './samTransport';
export * from './schemas';
export { CARD_FIXTURES, type CardFixture } from './simulator/cardFixtures';
export { SIMULATOR_FAULTS, type SimulatorFault } from './simulator/samCardSimulator';
export {
  type IdCardSimulatorHandle,
  type IdCardSimulatorOptions,
  startIdCardSimulator,
} from './simulator/serialSimulator';
export { KNOWN_READER_USB_IDS } from './usbBulkTransport';
export { listUsbReaderCandidates, type UsbReaderCandidate } from './usbCandidates';
