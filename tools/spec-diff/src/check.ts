import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRegistry } from "@subscription-apis/test-kit/workspace";
import { bundleAtRef, bundleFile, existsAtRef, toPosix } from "./bundle.js";
import { pendingBumps, readChangesets } from "./changesets.js";
import { diffSpecs, RANK, requiredBump, type Change, type Level } from "./diff.js";

export interface ApiReport {
  id: string;
  packageName: string | undefined;
  spec: string;
  /** the spec did not exist at the base ref */
  isNew: boolean;
  changes: Change[];
  required: Level | "none";
  pending: Level | "none";
  ok: boolean;
}

/**
 * Diff every registered API's spec (working tree) against `base`, and compare the required bump with the pending
 * changesets of its package (`packages/<id>/package.json` name). A new API needs at least a changeset of any kind.
 */
export async function checkApis(root: string, base: string, only: string[] = []): Promise<ApiReport[]> {
  const { config, apis } = await loadRegistry(root);
  const bumps = pendingBumps(readChangesets(root));
  const reports: ApiReport[] = [];
  for (const { id, root: specFile } of apis) {
    const spec = toPosix(root, specFile);
    if (only.length && !only.includes(id)) continue;
    const pkgFile = join(root, "packages", id, "package.json");
    const pkg = existsSync(pkgFile) ? (JSON.parse(readFileSync(pkgFile, "utf8")) as { name: string; private?: boolean }) : undefined;
    const packageName = pkg && !pkg.private ? pkg.name : undefined;
    const before = await bundleAtRef(root, base, spec, config);
    const after = await bundleFile(join(root, spec), config, root);
    const factoryBefore = before !== undefined && existsAtRef(root, base, `packages/${id}/src/generated/client.ts`);
    const changes = before
      ? diffSpecs(before, after, id, factoryBefore)
      : [{ level: "minor" as const, where: id, message: `new API ${id}` }];
    const required = requiredBump(changes);
    const pending = (packageName && bumps.get(packageName)) || "none";
    reports.push({
      id,
      packageName,
      spec,
      isNew: !before,
      changes,
      required,
      pending,
      ok: !packageName || RANK[pending] >= RANK[required],
    });
  }
  return reports;
}

export function formatReport(r: ApiReport): string {
  const head = `${r.ok ? "ok  " : "FAIL"} ${r.id}: ${r.changes.length} change(s), requires ${r.required}; pending changesets for ${r.packageName ?? "(no package)"}: ${r.pending}`;
  const lines = r.changes.map((c) => `       ${c.level.padEnd(5)}  ${c.where}: ${c.message}`);
  if (!r.ok)
    lines.push(
      `       -> add a changeset with \`"${r.packageName}": ${r.required}\` (pnpm changeset); see CONTRIBUTING.md > Releases and versioning`,
    );
  return [head, ...lines].join("\n");
}
