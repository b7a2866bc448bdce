import { build } from "esbuild";
import { BROWSER_BUNDLE } from "@subscription-apis/test-kit/workspace";
import { readFileSync, writeFileSync } from "node:fs";
const name = process.argv[2];
const r = await build({ stdin: { contents: readFileSync(`/tmp/i14-src-${name}.ts`, "utf8"), resolveDir: process.cwd() }, absWorkingDir: process.cwd(), ...BROWSER_BUNDLE, minify: process.argv[3] !== "pretty", minifyWhitespace: process.argv[3] !== "pretty" });
writeFileSync(`/tmp/i14-out-${name}.js`, r.outputFiles[0].contents);
for (const [k, v] of Object.entries(Object.values(r.metafile.outputs)[0].inputs)) console.log(v.bytesInOutput, k.replace(/^.*node_modules\//, ""));
