export { bundleAtRef, bundleFile, mergeBase, redoclyConfig, resolveRef, type Doc } from "./bundle.js";
export { pendingBumps, readChangesets, type PendingChangeset } from "./changesets.js";
export { checkApis, formatReport, type ApiReport } from "./check.js";
export { diffSpecs, formatChanges, RANK, requiredBump, type Change, type Level } from "./diff.js";
