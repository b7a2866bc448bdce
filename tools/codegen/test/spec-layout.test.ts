/** House layout, enforced: Redocly openapi-starter folders, one file per path and per component, `.yaml` only. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { findRoot, loadRegistry } from "../src/index.js";

const root = findRoot(new URL(".", import.meta.url).pathname);
const { apis } = await loadRegistry(root);
const KINDS = new Set(["schemas", "parameters", "responses", "headers", "securitySchemes", "requestBodies", "examples"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

/** `/v1/membership/{membershipId}` -> `v1_membership_{membershipId}.yaml` (Redocly's split naming). */
const pathFile = (path: string) => `${path.replace(/^\//, "").replace(/\//g, "_")}.yaml`;

describe.each(apis.map((a) => [a.id, a] as const))("specs/%s", (id, api) => {
  const dir = join(root, "specs", id);
  const all = files(dir).map((f) => relative(dir, f));
  const entry = parse(readFileSync(api.root, "utf8")) as { paths: Record<string, { $ref?: string }> };

  it("uses .yaml only, and only the starter's folders", () => {
    expect(all.filter((f) => f.endsWith(".yml"))).toEqual([]);
    for (const f of all) {
      expect(
        f === "openapi.yaml" ||
          f === "README.md" ||
          // the model drift check's sources and allowlist, and a vendor model it reads (tools/drift), AWS specs only
          ((f === "drift-allowlist.yaml" || f === "model/service-2.json.gz") && id.startsWith("aws-")) ||
          /^paths\/[^/]+\.yaml$/.test(f) ||
          /^components\/[A-Za-z]+\/[^/]+\.yaml$/.test(f),
        f,
      ).toBe(true);
      if (f.startsWith("components/")) expect(KINDS.has(f.split("/")[1]!), f).toBe(true);
    }
  });

  it("has one file per path, named after the path, and the entry only $refs them", () => {
    for (const [path, item] of Object.entries(entry.paths)) {
      expect(Object.keys(item)).toEqual(["$ref"]);
      expect(item.$ref).toBe(`paths/${pathFile(path)}`);
    }
    expect(all.filter((f) => f.startsWith("paths/")).sort()).toEqual(
      Object.keys(entry.paths)
        .map((p) => `paths/${pathFile(p)}`)
        .sort(),
    );
  });

  it("names schemas, parameters, responses and headers in PascalCase after their file", () => {
    for (const f of all.filter((x) => /^components\/(schemas|parameters|responses|headers)\//.test(x))) {
      expect(f.split("/")[2], f).toMatch(/^[A-Z][A-Za-z0-9]*\.yaml$/);
    }
  });

  it("has a README with a Known gaps section", () => {
    expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(/^## Known gaps/m);
  });
});
