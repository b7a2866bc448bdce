export { renderApi, writeAtomically, staleFiles, loadSpec, checkedSurface, type GeneratedFile } from "./generate.js";
export { buildSurface, inputKey, type ApiOut, type OperationOut } from "./surface.js";
export { emitApi } from "./emit.js";
export { bundleApi, bundleSpec, SpecError } from "./bundle.js";
export { findRoot, loadRegistry, apiById, type ApiEntry } from "./workspace.js";
export { scaffoldApi } from "./scaffold.js";
export { clientModel, emitClient, names as factoryNames, pascalId, type ClientModel, type SchemeModel } from "./factory.js";
export { emitDescriptor, operationExample, exampleEnv } from "./descriptor.js";
export { emitReadme, TESTING_MARKER, type ReadmeInput } from "./readme.js";
