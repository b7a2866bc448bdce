/**
 * The drift check: each `specs/aws-*` spec (as bundled in `packages/<id>/dist/openapi.json`) against the model
 * shipped in the pinned official SDK client package. Every difference fails unless `specs/<id>/drift-allowlist.yaml`
 * lists its id with a reason; an allowlist entry that matches no difference fails too (it is stale).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { diffModels, type Difference } from "./model.js";
import { loadBotocoreModel } from "./botocore.js";
import { loadSdkModel } from "./sdk.js";
import { specModel } from "./spec.js";

export type { Difference, Member, Model, Operation } from "./model.js";
export { diffModels } from "./model.js";
export { loadSdkModel } from "./sdk.js";
export { loadBotocoreModel } from "./botocore.js";
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

/** An allowlist id matches a difference id exactly, or with `*` standing for any run of characters. */
export function globMatch(pattern: string, id: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return re.test(id);
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

/**
 * `botocoreFile`: compare with a botocore `service-2.json[.gz]` instead of the SDK package (ad hoc, from the CLI's
 * `--model <id>=<file>`; lengths and patterns are compared too, and the allowlist is not applied).
 */
export function checkDrift(root: string, id: string, botocoreFile?: string): DriftResult {
  const source = SOURCES[id];
  if (!source) throw new Error(`no model source for ${id}: add it to SOURCES in tools/drift/src/index.ts`);
  const doc = JSON.parse(readFileSync(join(root, "packages", id, "dist", "openapi.json"), "utf8"));
  const spec = specModel(doc);
  if (botocoreFile) {
    const model = loadBotocoreModel(botocoreFile);
    const differences = diffModels(spec, model, spec.scopePrefixes);
    return { id, source: `botocore ${model.version} (${botocoreFile})`, differences, unexpected: differences, stale: [], allowed: [] };
  }
  if ("unavailable" in source)
    return { id, source: `none: ${source.unavailable}`, differences: [], unexpected: [], stale: [], allowed: [] };
  const sdk = loadSdkModel(source.sdk);
  const differences = diffModels(spec, sdk, spec.scopePrefixes);
  const allow = readAllowlist(join(root, "specs", id, "drift-allowlist.yaml"));
  const entryFor = (d: Difference) => allow.find((e) => globMatch(e.id, d.id));
  return {
    id,
    source: `${source.sdk}@${sdk.version}`,
    differences,
    unexpected: differences.filter((d) => !entryFor(d)),
    stale: allow.filter((e) => !differences.some((d) => globMatch(e.id, d.id))),
    allowed: differences.flatMap((d) => {
      const e = entryFor(d);
      return e ? [{ difference: d, reason: e.reason }] : [];
    }),
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
