/** The workspace root and the redocly.yaml registry: the one reader in the workspace kit (tools/test-kit). */
export { apiById, type ApiEntry, findRoot, loadRegistry } from "@subscription-apis/test-kit/workspace";
