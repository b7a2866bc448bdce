import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import type { Config } from "@redocly/openapi-core";
import { bundleApi, bundleSpec, SpecError } from "./bundle.js";
import { emitApi, emitExamples, header } from "./emit.js";
import { emitDescriptor } from "./descriptor.js";
import { emitReadme } from "./readme.js";
import { clientModel, emitClient } from "./factory.js";
import { locate } from "./locate.js";
import { emitTesting } from "./testing.js";
import { renderTestingSection } from "./readme-testing.js";
import { buildSurface, type ApiOut } from "./surface.js";
import type { ApiEntry } from "./workspace.js";

export interface GeneratedFile {
  path: string;
  content: string;
}

/** The generator's view of a bundled spec; its errors are reported at file:line of the hand-written files. */
export function checkedSurface(doc: Record<string, any>, specFile: string, id: string, root: string): ApiOut {
  return atFileLine(() => buildSurface(doc, id), specFile, root);
}

/** Run a step of the generator; a SpecError with a pointer is reported at file:line of the hand-written spec. */
export function atFileLine<T>(step: () => T, specFile: string, root: string): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof SpecError && e.pointer)
      throw new SpecError(`${locate(specFile, e.pointer, root) ?? relative(root, specFile)}: ${e.message} (at ${e.pointer})`);
    throw e;
  }
}

/**
 * Bundle and check a spec file the way the generator does (YAML, refs, operationIds, path params, supported
 * constructs), failing with file:line. For tools that read specs outside the registry (spec-diff).
 */
export async function loadSpec(file: string, config: Config, root: string): Promise<Record<string, any>> {
  const doc = await bundleSpec(file, config, root);
  checkedSurface(doc, file, "spec", root);
  return doc;
}

/** The package's npm name (packages/<id>/package.json), `@subscription-apis/<id>` before it exists. */
function packageName(api: ApiEntry): string {
  const file = join(api.packageDir, "package.json");
  if (!existsSync(file)) return `@subscription-apis/${api.id}`;
  return (JSON.parse(readFileSync(file, "utf8")) as { name: string }).name;
}

const optionalFile = <K extends string>(file: string, key: K): Partial<Record<K, string>> =>
  existsSync(file) ? ({ [key]: readFileSync(file, "utf8") } as Record<K, string>) : {};

/** Everything that goes into packages/<id>/src/generated/, computed in memory (nothing written). */
export async function renderApi(api: ApiEntry, config: Config, root: string): Promise<GeneratedFile[]> {
  const specPath = relative(root, api.root);
  const doc = await bundleApi(api, config, root);
  const surface = checkedSurface(doc, api.root, api.id, root);
  const model = atFileLine(() => clientModel(doc, surface), api.root, root);
  let types: string;
  try {
    const ast = await openapiTS(structuredClone(doc) as never, { silent: true, redocly: config });
    types = astToString(ast);
  } catch (e) {
    throw new SpecError(`${specPath}: openapi-typescript failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const dir = join(api.packageDir, "src", "generated");
  const examples: Record<string, unknown> = {};
  return [
    { path: join(dir, "schema.ts"), content: `${header(api.id, specPath)}/* eslint-disable */\n${COMMENT_HEADER}${types}` },
    { path: join(dir, "api.ts"), content: emitApi(surface, specPath) },
    { path: join(dir, "examples.ts"), content: emitExamples(surface, doc, specPath, examples) },
    { path: join(dir, "testing.ts"), content: emitTesting(api.id, model.name, specPath) },
    { path: join(dir, "client.ts"), content: emitClient(model, surface, specPath) },
    { path: join(dir, "descriptor.ts"), content: emitDescriptor(surface, model, doc, packageName(api), specPath) },
    {
      path: join(api.packageDir, "README.md"),
      content: emitReadme({
        api: surface,
        model,
        doc,
        packageName: packageName(api),
        specPath,
        testing: renderTestingSection({ name: model.name, api: surface as never, examples }),
        ...optionalFile(join(api.packageDir, "NOTES.md"), "notes"),
      }),
    },
  ];
}

/**
 * Write files atomically: every file goes to a temp file beside it first, then all are renamed.
 * A failure before the renames leaves the previous generation untouched.
 */
export function writeAtomically(files: GeneratedFile[]): string[] {
  const changed = files.filter((f) => !existsSync(f.path) || readFileSync(f.path, "utf8") !== f.content);
  const temps: [string, string][] = [];
  try {
    for (const f of changed) {
      mkdirSync(join(f.path, ".."), { recursive: true });
      const tmp = `${f.path}.${process.pid}.tmp`;
      writeFileSync(tmp, f.content);
      temps.push([tmp, f.path]);
    }
  } catch (e) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw e;
  }
  for (const [tmp, path] of temps) renameSync(tmp, path);
  return changed.map((f) => f.path);
}

/** Files whose content on disk differs from what the spec generates. */
export function staleFiles(files: GeneratedFile[]): string[] {
  return files.filter((f) => !existsSync(f.path) || readFileSync(f.path, "utf8") !== f.content).map((f) => f.path);
}
