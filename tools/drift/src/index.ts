/**
 * The drift check: each `specs/aws-*` spec (as bundled in `packages/<id>/dist/openapi.json`) against the model
 * shipped in the pinned official SDK client package. Every difference fails unless `specs/<id>/drift-allowlist.yaml`
 * lists its id with a reason; an allowlist entry that matches no difference fails too (it is stale).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { diffModels, type Difference } from "./model.js";
import { loadSdkModel } from "./sdk.js";
import { specModel } from "./spec.js";

export type { Difference, Member, Model, Operation } from "./model.js";
export { diffModels } from "./model.js";
export { loadSdkModel } from "./sdk.js";
export { specModel } from "./spec.js";

/** Where each AWS spec's model comes from: a pinned SDK package, or why there is none. */
export const SOURCES: Record<string, { sdk: string } | { unavailable: string }> = {
  "aws-qbusiness": { sdk: "@aws-sdk/client-qbusiness" },
  "aws-security-ir": {
    unavailable:
      "@aws-sdk/client-security-ir is not served by the npm registry this project installs from (404 for every version), so no SDK package ships its model here",
  },
};

export interface AllowEntry {
  id: string;
  reason: string;
}

export function readAllowlist(file: string): AllowEntry[] {
  if (!existsSync(file)) return [];
  const data = parse(readFileSync(file, "utf8")) as { allow?: AllowEntry[] } | null;
  const list = data?.allow ?? [];
  for (const e of list) {
    if (typeof e?.id !== "string" || typeof e?.reason !== "string" || e.reason.trim() === "")
      throw new Error(`${file}: every entry needs an id and a reason (${JSON.stringify(e)})`);
  }
  return list;
}

export interface DriftResult {
  id: string;
  source: string;
  differences: Difference[];
  /** Differences not in the allowlist. */
  unexpected: Difference[];
  /** Allowlist entries that match no difference. */
  stale: AllowEntry[];
  allowed: { difference: Difference; reason: string }[];
}

/** The `aws-*` folders of specs/. */
export function awsSpecIds(root: string): string[] {
  return readdirSync(join(root, "specs"))
    .filter((d) => d.startsWith("aws-"))
    .sort();
}

export function checkDrift(root: string, id: string): DriftResult {
  const source = SOURCES[id];
  if (!source) throw new Error(`no model source for ${id}: add it to SOURCES in tools/drift/src/index.ts`);
  if ("unavailable" in source)
    return { id, source: `none: ${source.unavailable}`, differences: [], unexpected: [], stale: [], allowed: [] };
  const doc = JSON.parse(readFileSync(join(root, "packages", id, "dist", "openapi.json"), "utf8"));
  const spec = specModel(doc);
  const sdk = loadSdkModel(source.sdk);
  const differences = diffModels(spec, sdk, spec.scopePrefixes);
  const allow = readAllowlist(join(root, "specs", id, "drift-allowlist.yaml"));
  const byId = new Map(allow.map((e) => [e.id, e]));
  const ids = new Set(differences.map((d) => d.id));
  return {
    id,
    source: `${source.sdk}@${sdk.version}`,
    differences,
    unexpected: differences.filter((d) => !byId.has(d.id)),
    stale: allow.filter((e) => !ids.has(e.id)),
    allowed: differences.filter((d) => byId.has(d.id)).map((d) => ({ difference: d, reason: byId.get(d.id)!.reason })),
  };
}

/** What the SDK package does not contain, so the check cannot compare it. */
export const NOT_IN_SDK_PACKAGE = [
  "length limits (min/max length and list sizes)",
  "patterns",
  "numeric ranges (min/max)",
  "documentation, examples and deprecations",
  "the errors common to every AWS API (only each operation's modelled @throws)",
];
