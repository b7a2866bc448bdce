/**
 * The drift check: each `specs/aws-*` spec (as bundled in `packages/<id>/dist/openapi.json`) against the machine-
 * readable models its `specs/<id>/drift-allowlist.yaml` names (botocore `service-2.json.gz` files committed beside
 * the spec). Every difference fails unless that file lists its id with a reason; an allowlist
 * entry that matches no difference fails too (it is stale).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { diffModels, type Difference } from "./model.js";
import { loadBotocoreModel } from "./botocore.js";
import { specModel } from "./spec.js";

export type { Difference, Member, Model, Operation } from "./model.js";
export { diffModels } from "./model.js";
export { loadBotocoreModel } from "./botocore.js";
export { specModel } from "./spec.js";

export interface AllowEntry {
  id: string;
  reason: string;
}

/**
 * Where a spec's model comes from, declared in its own `drift-allowlist.yaml` (`models:`): a botocore
 * `service-2.json[.gz]` committed in the spec folder (`botocore: <path>`, with the botocore version it was copied from).
 */
export interface ModelSource {
  botocore: string;
  from: string;
}

export interface DriftConfig {
  models: ModelSource[];
  allow: AllowEntry[];
}

export function readDriftConfig(file: string): DriftConfig {
  if (!existsSync(file)) throw new Error(`${file}: missing (it names the spec's model sources under \`models:\`)`);
  const data = parse(readFileSync(file, "utf8")) as Partial<DriftConfig> | null;
  const models = data?.models ?? [];
  if (!models.length) throw new Error(`${file}: \`models:\` lists no model source ({ botocore: <file>, from: <version> })`);
  for (const m of models) {
    if (typeof m?.botocore !== "string" || typeof m.from !== "string")
      throw new Error(`${file}: a model source is { botocore: <file>, from: <version> } (${JSON.stringify(m)})`);
  }
  return { models, allow: readAllowlist(data?.allow ?? []) };
}

export function readAllowlist(list: AllowEntry[]): AllowEntry[] {
  for (const e of list) {
    if (typeof e?.id !== "string" || typeof e?.reason !== "string" || e.reason.trim() === "")
      throw new Error(`drift-allowlist.yaml: every entry needs an id and a reason (${JSON.stringify(e)})`);
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
 * Compares the spec with every model source its `drift-allowlist.yaml` names; a difference counts once (by id)
 * whichever model reports it. `botocoreFile`: compare with that botocore file instead (ad hoc, from the CLI's
 * `--model <id>=<file>`; the allowlist is not applied).
 */
export function checkDrift(root: string, id: string, botocoreFile?: string): DriftResult {
  const doc = JSON.parse(readFileSync(join(root, "packages", id, "dist", "openapi.json"), "utf8"));
  const spec = specModel(doc);
  if (botocoreFile) {
    const model = loadBotocoreModel(botocoreFile);
    const differences = diffModels(spec, model, spec.scopePrefixes);
    return { id, source: `botocore ${model.version} (${botocoreFile})`, differences, unexpected: differences, stale: [], allowed: [] };
  }
  const dir = join(root, "specs", id);
  const config = readDriftConfig(join(dir, "drift-allowlist.yaml"));
  const byId = new Map<string, Difference>();
  const sources: string[] = [];
  for (const m of config.models) {
    const model = loadBotocoreModel(join(dir, m.botocore));
    sources.push(`botocore ${m.from} (${m.botocore})`);
    for (const d of diffModels(spec, model, spec.scopePrefixes)) if (!byId.has(d.id)) byId.set(d.id, d);
  }
  const differences = [...byId.values()];
  const entryFor = (d: Difference) => config.allow.find((e) => globMatch(e.id, d.id));
  return {
    id,
    source: sources.join(" + "),
    differences,
    unexpected: differences.filter((d) => !entryFor(d)),
    stale: config.allow.filter((e) => !differences.some((d) => globMatch(e.id, d.id))),
    allowed: differences.flatMap((d) => {
      const e = entryFor(d);
      return e ? [{ difference: d, reason: e.reason }] : [];
    }),
  };
}

/** What no model source is compared for. */
export const NOT_COMPARED = [
  "documentation, examples and deprecations",
  "the errors common to every AWS API (no model lists them per operation: the specs list them, allowlisted)",
];
