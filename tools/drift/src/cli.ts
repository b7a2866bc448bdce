#!/usr/bin/env node
/**
 * `pnpm drift [id…]`: prints every difference between specs/aws-* and the models their drift-allowlist.yaml
 * names; exit 1 when one is not allowlisted. `--model <id>=<botocore service-2.json[.gz]>` compares that API with a botocore model instead
 * (lengths and patterns too; no allowlist).
 */
import { fileURLToPath } from "node:url";
import { awsSpecIds, checkDrift, NOT_COMPARED } from "./index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const args = process.argv.slice(2);
const botocore = new Map<string, string>();
const ids: string[] = [];
let verbose = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--verbose") verbose = true;
  else if (args[i] === "--model") {
    const [id, file] = (args[++i] ?? "").split("=");
    if (!id || !file) throw new Error("usage: --model <id>=<file>");
    botocore.set(id, file);
    ids.push(id);
  } else ids.push(args[i]!);
}
if (!ids.length) ids.push(...awsSpecIds(root));
let failed = false;
for (const id of ids) {
  const r = checkDrift(root, id, botocore.get(id));
  console.log(`${id}: model from ${r.source}`);
  if (verbose) for (const a of r.allowed) console.log(`  allowed  ${a.difference.id} (${a.difference.detail}): ${a.reason}`);
  else if (r.allowed.length) console.log(`  ${r.allowed.length} difference(s) allowed by drift-allowlist.yaml (--verbose lists them)`);
  for (const d of r.unexpected) console.log(`  DRIFT    ${d.id}: ${d.detail}`);
  for (const s of r.stale) console.log(`  STALE    allowlist entry matches no difference: ${s.id}`);
  if (r.unexpected.length || r.stale.length) {
    failed = true;
    console.log(`  -> fix specs/${id} or list the difference with a reason in specs/${id}/drift-allowlist.yaml`);
  }
}
console.log(`not compared with any model: ${NOT_COMPARED.join("; ")}`);
process.exit(failed ? 1 : 0);
