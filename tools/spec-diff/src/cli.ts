#!/usr/bin/env node
// spec-diff: the breaking-change gate.
//   spec-diff diff  [--base <ref>] [api…]        classify every change of each API's spec since <ref>
//   spec-diff check [--base <ref>] [api…]        ...and fail when pending changesets bump a package less than required
//   spec-diff files <old.yaml> <new.yaml>         classify the changes between two spec files
// <ref> defaults to the merge base of HEAD and origin/main (or main).
import { resolve } from "node:path";
import { findRoot } from "@subscription-apis/test-kit/workspace";
import { bundleFile, mergeBase, redoclyConfig } from "./bundle.js";
import { checkApis, formatReport } from "./check.js";
import { diffSpecs, formatChanges, requiredBump } from "./diff.js";

const argv = process.argv.slice(2);
const command = argv.shift();
let base: string | undefined;
const rest: string[] = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--base") base = argv[++i];
  else if (argv[i]!.startsWith("--base=")) base = argv[i]!.slice(7);
  else rest.push(argv[i]!);
}

try {
  if (command === "files") {
    const [a, b] = rest;
    if (!a || !b) throw new Error("usage: spec-diff files <old.yaml> <new.yaml>");
    const config = await redoclyConfig();
    const changes = diffSpecs(await bundleFile(resolve(a), config), await bundleFile(resolve(b), config));
    console.log(`${changes.length} change(s), requires ${requiredBump(changes)}`);
    if (changes.length) console.log(formatChanges(changes));
  } else if (command === "diff" || command === "check") {
    const root = findRoot();
    const ref = base ?? mergeBase(root, "main");
    console.log(`spec-diff: comparing the working tree with ${ref}`);
    const reports = await checkApis(root, ref, rest);
    for (const r of reports) {
      if (command === "diff") console.log(formatReport({ ...r, ok: true }));
      else console.log(formatReport(r));
    }
    if (command === "check") {
      const failed = reports.filter((r) => !r.ok);
      if (failed.length) {
        console.error(
          `\nspec-diff: ${failed.length} API(s) need a larger changeset: ${failed.map((r) => `${r.packageName} (${r.required}, have ${r.pending})`).join(", ")}`,
        );
        process.exit(1);
      }
      console.log("\nspec-diff: every spec change is covered by a pending changeset");
    }
  } else {
    console.error("usage: spec-diff diff|check [--base <ref>] [api…] | spec-diff files <old.yaml> <new.yaml>");
    process.exit(2);
  }
} catch (e) {
  console.error(`spec-diff: ${(e as Error).message}`);
  process.exit(2);
}
