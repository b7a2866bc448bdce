/** The package gates themselves catch what they are there for (publint: unpacked/missing files; attw: types). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { checkPackages } from "../src/check-packages.js";

const tmp = mkdtempSync(join(tmpdir(), "sapi-gates-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
writeFileSync(join(tmp, "pnpm-workspace.yaml"), "packages: [packages/*]\n");
writeFileSync(join(tmp, "redocly.yaml"), "apis: {}\n");

function pkg(id: string, types: string, files: Record<string, string>) {
  const dir = join(tmp, "packages", id);
  mkdirSync(join(dir, "dist"), { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({
      name: `@x/${id}`,
      version: "1.0.0",
      type: "module",
      files: ["dist"],
      exports: { ".": { types, default: "./dist/index.js" } },
    }),
  );
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
}

it("fails a package whose types are missing (publint) or masquerade as CommonJS (attw)", async () => {
  pkg("missing-types", "./dist/missing.d.ts", { "dist/index.js": "export const x = 1;\n" });
  pkg("cjs-types", "./dist/index.d.cts", {
    "dist/index.js": "export const x = 1;\n",
    "dist/index.d.cts": "export declare const x: number;\n",
  });
  pkg("good", "./dist/index.d.ts", { "dist/index.js": "export const x = 1;\n", "dist/index.d.ts": "export declare const x: number;\n" });
  const results = await checkPackages(tmp);
  expect(results.map((r) => `${r.name} ${r.tool} ${r.ok ? "ok" : "FAIL"}`)).toEqual([
    "@x/cjs-types publint ok",
    "@x/cjs-types attw FAIL",
    "@x/good publint ok",
    "@x/good attw ok",
    "@x/missing-types publint FAIL",
    "@x/missing-types attw FAIL",
  ]);
  expect(results.find((r) => r.name === "@x/cjs-types" && r.tool === "attw")!.output).toContain("Masquerading as CJS");
  expect(results.find((r) => r.name === "@x/missing-types" && r.tool === "publint")!.output).toMatch(/missing\.d\.ts/);
}, 120_000);
