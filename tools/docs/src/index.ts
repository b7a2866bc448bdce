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
  type ComparisonColumn,
  type ComparisonRow,
  type NotDocumentedCell,
} from "./compare.js";
export { buildSite, offlineHtml, operationAnchor, type BuildOptions, type BuiltApi } from "./build.js";
export { docsSpec, provenanceMarkdown } from "./inject.js";
export { escapeHtml, landingPage, type LandingEntry } from "./landing.js";
export { lintApi, redoclyCli, runRedocly, type LintStatus } from "./redocly.js";
export { findRoot, loadDocsApis, readSpec, type DocsApi, type Json } from "./registry.js";
export {
  codeSamples,
  curlSample,
  deref,
  paramExample,
  parseFactory,
  sampleClientOptions,
  sampleInput,
  typescriptSample,
  type CodeSample,
  type FactoryInfo,
} from "./samples.js";
export { resolveFile, serveStatic, type StaticServer } from "./serve.js";
export { exampleInput, FAKE_AWS_CREDENTIALS, fakeClientOptions, fakeEnv } from "./fixtures.js";
