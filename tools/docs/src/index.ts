export {
  CANCELLATIONS_FILE,
  CANCELLATIONS_PAGE,
  NOT_DOCUMENTED,
  cellSources,
  checkComparison,
  comparisonPage,
  isNotDocumented,
  loadCancellations,
  type CitedCell,
  type Comparison,
  type ComparisonCell,
  type ComparisonRow,
  type NotDocumentedCell,
} from "./compare.js";
export { buildSite, offlineHtml, type BuildOptions, type BuiltApi } from "./build.js";
export { docsSpec, provenanceMarkdown } from "./inject.js";
export { escapeHtml, landingPage, type LandingEntry } from "./landing.js";
export { lintApi, redoclyCli, runRedocly, type LintStatus } from "./redocly.js";
export { findRoot, loadDocsApis, operationAnchor, specOperation, type DocsApi, type Json } from "./registry.js";
export { codeSamples, curlSample, isFileInput, placedInput, typescriptSample, type CodeSample } from "./samples.js";
export { resolveFile, serveStatic, type StaticServer } from "./serve.js";
