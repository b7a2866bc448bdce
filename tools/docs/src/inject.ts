import { type DocsApi, type Json, specOperation } from "./registry.js";
import { codeSamples } from "./samples.js";

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

/**
 * The markdown appended to an operation's description: the vendor page (`externalDocs`) and where the operation
 * was transcribed from (`x-source`). Redoc 3 renders neither field on operation pages, so both go into the text.
 */
export function provenanceMarkdown(externalDocs: Json, xSource: Json): string {
  const lines: string[] = [];
  if (externalDocs?.url) {
    lines.push(`**Vendor documentation:** [${externalDocs.description ?? externalDocs.url}](${externalDocs.url})`);
  }
  if (xSource?.url) {
    if (lines.length > 0) lines.push("");
    lines.push(`**Transcribed from:** [${xSource.url}](${xSource.url})${xSource.retrieved ? ` (retrieved ${xSource.retrieved})` : ""}`);
    if (xSource.authority) lines.push("", `**Authority:** ${xSource.authority}`);
    const corrections: string[] = Array.isArray(xSource.corrections) ? xSource.corrections : [];
    if (corrections.length > 0) lines.push("", "**Corrections to the vendor page:**", "", ...corrections.map((c) => `- ${c}`));
  }
  return lines.length > 0 ? `\n\n---\n\n${lines.join("\n")}` : "";
}

/**
 * A copy of the bundled spec ready to render: generated `x-codeSamples` on every operation (our client and curl)
 * and the `x-source` provenance appended to each description, since Redoc renders `externalDocs` but not `x-source`.
 */
export function docsSpec(target: DocsApi): Json {
  const out = structuredClone(target.spec);
  for (const op of Object.values(target.api.operations)) {
    const { operation } = specOperation(out, op);
    if (operation["x-codeSamples"])
      throw new Error(`${target.id}.${op.operationId}: the spec has hand-written x-codeSamples; they are generated`);
    operation["x-codeSamples"] = codeSamples(target.descriptor, op.operationId);
    operation.description = `${operation.description ?? ""}${provenanceMarkdown(operation.externalDocs, operation["x-source"])}`;
  }
  for (const [path, item] of Object.entries(out.paths ?? {}) as Array<[string, Json]>) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      if (!(operation as Json)["x-codeSamples"])
        throw new Error(`${target.id}: ${method.toUpperCase()} ${path} is not in the generated api data`);
    }
  }
  return out;
}
