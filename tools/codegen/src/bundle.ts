import { relative } from "node:path";
import { bundle, getLineColLocation, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import type { ApiEntry } from "./workspace.js";

export class SpecError extends Error {
  override name = "SpecError";
  /** JSON pointer in the bundled document, when the error is about one place (mapped to file:line by the generator). */
  constructor(
    message: string,
    readonly pointer?: string,
  ) {
    super(message);
  }
}

export function formatProblem(problem: NormalizedProblem, root: string): string {
  const loc = problem.location[0];
  if (!loc) return problem.message;
  let where = relative(root, loc.source.absoluteRef);
  try {
    const lc = getLineColLocation(loc);
    where += `:${lc.start.line}:${lc.start.col}`;
  } catch {
    /* no position */
  }
  return `${where}: ${problem.message}${loc.pointer ? ` (at ${loc.pointer})` : ""}`;
}

/** Bundle one API's spec into a single document; unresolved refs and YAML errors fail with file:line. */
export async function bundleApi(api: ApiEntry, config: Config, root: string): Promise<Record<string, any>> {
  return bundleSpec(api.root, config, root);
}

/** Bundle a spec file (paths in messages relative to `root`). */
export async function bundleSpec(file: string, config: Config, root: string): Promise<Record<string, any>> {
  const api = { root: file };
  let result: Awaited<ReturnType<typeof bundle>>;
  try {
    result = await bundle({ ref: api.root, config });
  } catch (e) {
    const err = e as { source?: { absoluteRef?: string }; mark?: { line: number; column: number }; message?: string };
    if (err.mark && err.source?.absoluteRef) {
      throw new SpecError(
        `${relative(root, err.source.absoluteRef)}:${err.mark.line + 1}:${err.mark.column + 1}: ${String(err.message).split("\n")[0]}`,
      );
    }
    throw new SpecError(`${relative(root, api.root)}: ${String(err.message ?? e)}`);
  }
  const errors = result.problems.filter((p) => p.severity === "error" && !p.ignored);
  if (errors.length) throw new SpecError(errors.map((p) => formatProblem(p, root)).join("\n"));
  const doc = result.bundle.parsed as Record<string, any> | undefined;
  if (!doc || typeof doc !== "object" || typeof doc.openapi !== "string") {
    throw new SpecError(`${relative(root, api.root)}:1:1: not an OpenAPI document (no "openapi" field)`);
  }
  if (!doc.openapi.startsWith("3.1"))
    throw new SpecError(`${relative(root, api.root)}:1:1: openapi ${doc.openapi} is not supported; write OpenAPI 3.1`);
  return doc;
}
