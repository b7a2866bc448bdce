#!/usr/bin/env node
// sapi-release: release tooling for the workspace.
//   sync-versions [--check]   copy each package's version into info.version of its spec (--check: only report)
//   check-packages [names…]   publint --strict + attw --pack --profile esm-only for every publishable package
//   size [--json]             esbuild browser bundle of each one-operation consumer vs size-budgets.json
import { checkPackages } from "./check-packages.js";
import { checkSizes, formatSizes, sizeEntries } from "./size.js";
import { mismatches, syncVersions } from "./versions.js";
import { findRoot } from "./workspace.js";

const [command, ...args] = process.argv.slice(2);
const root = findRoot();

switch (command) {
  case "sync-versions": {
    if (args.includes("--check")) {
      const bad = await mismatches(root);
      for (const line of bad) console.error(line);
      if (bad.length) {
        console.error("\nThe package version is the source of truth: run `pnpm version-packages` (or `sapi-release sync-versions`).");
        process.exit(1);
      }
      console.log("sync-versions: every spec's info.version equals its package version");
    } else {
      const changed = await syncVersions(root);
      for (const line of changed) console.log(line);
      console.log(`sync-versions: ${changed.length} spec(s) updated`);
    }
    break;
  }
  case "check-packages": {
    const results = await checkPackages(root, args);
    for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.tool.padEnd(7)} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
    const failed = results.filter((r) => !r.ok);
    for (const r of failed) console.error(`\n${r.output}`);
    if (failed.length) process.exit(1);
    break;
  }
  case "size": {
    const results = await checkSizes(await sizeEntries(root));
    console.log(args.includes("--json") ? JSON.stringify(results, null, 2) : formatSizes(results));
    if (results.some((r) => !r.ok)) {
      console.error(
        "\nsize: over budget (tools/release/size-budgets.json). Shrink the bundle; raise a budget only with a reason in its $comment.",
      );
      process.exit(1);
    }
    break;
  }
  default:
    console.error("usage: sapi-release sync-versions [--check] | check-packages [names…] | size [--json]");
    process.exit(2);
}
