// Public face of @imxflash/probe-jlink: the J-Link driver (DESIGN §2) through generated JLinkExe command files.
export const packageName = '@imxflash/probe-jlink';

// Versions, banners and the version policy (version/).
export {
  compareJlinkVersions, formatJlinkVersion, jlinkFolderName, parseJlinkVersion, tryParseJlinkVersion, versionFromFolderName,
  versionInRange, versionKey, type JlinkVersion,
} from './version/jlink-version.js';
export { parseJlinkBanner, type JlinkBanner } from './version/banner.js';
export {
  explainIssue, JLINK_VERSION_POLICIES, selectJlinkInstallation, type JlinkVersionPolicy, type SelectOptions, type VersionSelection,
} from './version/version-policy.js';

// The known-issue database (known-issues/).
export type { JlinkChipFamily, KnownIssue, KnownIssueSeverity, KnownIssueVersions } from './known-issues/known-issue.js';
export { KNOWN_JLINK_ISSUES } from './known-issues/known-issues.js';
export { blockingIssues, describeIssueVersions, issueAffectsVersion, matchKnownIssues, type KnownIssueContext } from './known-issues/match-known-issues.js';
export { jlinkFamilyOf } from './known-issues/chip-family.js';
export type { JlinkInstallation } from './discovery/jlink-installation.js';

// Installations and probes (discovery/), the scratch-folder run of JLinkExe (runner/).
export type { JlinkHost } from './discovery/jlink-host.js';
export { nodeJlinkHost } from './discovery/node-jlink-host.js';
export { commanderExeName, isInstallFolderName, pathDirectories, seggerRootFolders } from './discovery/install-locations.js';
export {
  discoverJlinkInstallations, readBannerVersion, type DiscoverOptions, type DiscoveryDeps, type DiscoveryResult,
} from './discovery/discover-installations.js';
export { listJlinkEmulators } from './discovery/list-emulators.js';
export { parseEmulatorList, type JlinkEmulator } from './output/emulator-list.js';
export { runCommander, type CommanderDeps, type CommanderRun, type PreparedRun, type ScratchFile } from './runner/run-commander.js';
export { checkJlinkPath, quoteJlinkPath } from './script/check-path.js';
export { serializeCommandFile } from './script/command-file.js';

// Command files and JLinkDevices.xml (script/).
export { scriptFeatures, type ScriptFeatures } from './script/script-features.js';
export { deviceWithLoader, jlinkDeviceName, jlinkLoaderName } from './script/device-name.js';
export { devicesXml, type DevicesXmlOverride } from './script/devices-xml.js';
export { selectLoader, type LoaderSelection, type LoaderTarget } from './script/loader-selection.js';
export {
  buildFlashScript, COMMAND_FILE_NAME, DEVICES_XML_NAME, SETTINGS_FILE_NAME, type FlashScript, type FlashScriptOptions, type JlinkOperation,
} from './script/flash-script.js';

// JLinkExe output (output/): parser, failure table, the run verdict, published transcripts.
export { parseCommanderOutput, type CommanderOutput, type FlashDownloadSummary } from './output/parse-output.js';
export { parseMem32Reads, type Mem32Read } from './output/parse-mem32.js';
export { FAILURE_PATTERNS, type FailurePattern } from './output/failure-patterns.js';
export { checkCommanderResult, type ExpectedOutcome, type ResultContext } from './output/check-result.js';
export { TRANSCRIPTS as JLINK_TRANSCRIPTS } from './output/transcripts.js';

// The driver (driver/): options token, driver, session, flash device, registration, reports.
export { JLINK_HOST, JLINK_OPTIONS, type JlinkDriverOptions } from './driver/jlink-options.js';
export { JlinkDriver } from './driver/jlink-driver.js';
export { JlinkSession } from './driver/jlink-session.js';
export { JlinkFlashDevice, type JlinkBatchResult, type JlinkBatchRunner } from './driver/jlink-flash-device.js';
export { JlinkRegisterAccess } from './driver/jlink-register-access.js';
export { registerJlinkDriver } from './driver/register.js';
export { knownIssueRows, reportJlinkInstallations, type JlinkInstallationReport } from './driver/jlink-report.js';
