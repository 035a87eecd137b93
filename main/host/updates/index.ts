// Electron-free update logic for the kiosk host. The Electron adapter (main/shell) supplies an
// Installer; everything else — schedule, rollout, bandwidth cap, sha512, install window — is here.
export { createDebInstaller, type DebInstallerOptions, defaultDebHelper } from './debInstaller';
export { createAppImageInstaller, createNsisInstaller, nsisUpdateArgs } from './fileInstallers';
export { isInstallWindow, isOpen, type OpeningHours, openingHoursSchema } from './openingHours';
export { detectPackageKind } from './packageKind';
export { isReleaseSignatureValid, releasePublicKey } from './releaseSignatureCheck';
export { type DeviceIdentity, decideRollout, type Rollout, rolloutBucket, rolloutSchema } from './rollout';
export { TokenBucket, throttled } from './tokenBucket';
export { downloadVerified, UpdateDownloadError } from './updateDownload';
export { fetchOfferedUpdate, metadataFileName, type PackageKind, type UpdatePlatform } from './updateFeed';
export { decideInstall, decideTake } from './updatePolicy';
export {
  type DownloadedUpdate,
  type Installer,
  UpdateScheduler,
  type UpdateSchedulerOptions,
  type UpdateStatus,
} from './updateScheduler';
export { compareVersions } from './versionOrder';
