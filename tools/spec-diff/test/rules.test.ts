/** Every rule, both directions: base.yaml -> <rule>.yaml and back, with the level and the reason line expected. */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleFile, redoclyConfig, type Doc } from "../src/bundle.js";
import { diffSpecs, requiredBump, type Level } from "../src/diff.js";

const dir = join(new URL(".", import.meta.url).pathname, "fixtures");
type Expect = [Level, string];

// rule file: [forward (base -> rule): level + reason], [backward (rule -> base): level + reason]
const RULES: Record<string, { forward: Expect; backward: Expect }> = {
  "remove-operation": {
    forward: ["major", "removed operation getMember (GET /members/{memberId})"],
    backward: ["minor", "added operation getMember"],
  },
  "rename-operation": {
    forward: ["major", "renamed operation cancelMember -> stopMember"],
    backward: ["major", "renamed operation stopMember -> cancelMember"],
  },
  "remove-parameter": {
    forward: ["major", "removed parameter reason (query)"],
    backward: ["minor", "added optional parameter reason (query)"],
  },
  "rename-parameter": {
    forward: ["major", "renamed parameter reason -> cause (query)"],
    backward: ["major", "renamed parameter cause -> reason (query)"],
  },
  "rename-path-parameter": {
    forward: ["major", "renamed parameter memberId -> id (path)"],
    backward: ["major", "renamed parameter id -> memberId (path)"],
  },
  "parameter-required": { forward: ["major", "parameter reason became required"], backward: ["minor", "parameter reason became optional"] },
  "add-pattern": {
    forward: ["major", 'added pattern of parameter memberId ("^m-[0-9]+$")'],
    backward: ["minor", "removed pattern of parameter memberId"],
  },
  "narrow-length": {
    forward: ["major", "narrowed maxLength of request property productId (64 -> 32)"],
    backward: ["minor", "widened maxLength of request property productId (32 -> 64)"],
  },
  "narrow-param-length": {
    forward: ["major", "narrowed maxLength of parameter memberId (64 -> 16)"],
    backward: ["minor", "widened maxLength of parameter memberId (16 -> 64)"],
  },
  "request-enum-value": {
    forward: ["major", 'removed enum value "other" of parameter reason'],
    backward: ["minor", 'added enum value "other" to parameter reason'],
  },
  "response-enum-value": {
    forward: ["major", 'removed enum value "finished" of response property data.status'],
    backward: ["minor", 'added enum value "finished" to response property data.status'],
  },
  "remove-response-property": {
    forward: ["major", "removed response property data.status"],
    backward: ["minor", "added response property data.status"],
  },
  "response-property-optional": {
    forward: ["major", "response property data.status became optional"],
    backward: ["minor", "response property data.status became required"],
  },
  "required-request-field": {
    forward: ["major", "added required request property confirm"],
    backward: ["major", "removed request property confirm"],
  },
  "optional-request-field": {
    forward: ["minor", "added optional request property note"],
    backward: ["major", "removed request property note"],
  },
  "change-type": {
    forward: ["major", "changed type of response property data.amount: integer -> string"],
    backward: ["major", "changed type of response property data.amount: string -> integer"],
  },
  "remove-response-status": { forward: ["major", "removed response 404"], backward: ["minor", "added response 404"] },
  "remove-server": { forward: ["major", "removed server sandbox"], backward: ["minor", "added server sandbox"] },
  "request-body-required": { forward: ["major", "request body became required"], backward: ["minor", "request body became optional"] },
  description: {
    forward: ["patch", 'changed description at paths["/members/{memberId}/cancel"].post'],
    backward: ["patch", "changed description at components.schemas.Member.properties.status"],
  },
  "add-pagination": {
    forward: ["minor", "added pagination (x-pagination, kind cursor): a new paginator"],
    backward: ["major", "removed pagination (x-pagination): its paginator is no longer generated"],
  },
  "add-idempotency-token": {
    forward: ["minor", "added annotation x-idempotency-token at components.schemas.CancelRequest.properties.productId"],
    backward: ["minor", "removed annotation x-idempotency-token at components.schemas.CancelRequest.properties.productId"],
  },
  example: {
    forward: ["patch", "changed example at components.schemas.Member.properties.amount"],
    backward: ["patch", "changed example at components.schemas.Member.properties.amount"],
  },
};

const docs = new Map<string, Doc>();
beforeAll(async () => {
  const config = await redoclyConfig();
  for (const name of ["base", ...Object.keys(RULES)]) docs.set(name, await bundleFile(join(dir, `${name}.yaml`), config));
});

it("finds no change between a spec and itself", () => {
  expect(diffSpecs(docs.get("base")!, docs.get("base")!)).toEqual([]);
});

describe.each(Object.entries(RULES))("%s", (rule, { forward, backward }) => {
  it(`base -> ${rule}: ${forward[0]}`, () => {
    const changes = diffSpecs(docs.get("base")!, docs.get(rule)!);
    expect(requiredBump(changes)).toBe(forward[0]);
    expect(changes.map((c) => `${c.level} ${c.message}`)).toContainEqual(expect.stringContaining(`${forward[0]} ${forward[1]}`));
    for (const c of changes) expect(c.message.length).toBeGreaterThan(10); // one readable reason line each
  });
  it(`${rule} -> base: ${backward[0]}`, () => {
    const changes = diffSpecs(docs.get(rule)!, docs.get("base")!);
    expect(requiredBump(changes)).toBe(backward[0]);
    expect(changes.map((c) => `${c.level} ${c.message}`)).toContainEqual(expect.stringContaining(`${backward[0]} ${backward[1]}`));
  });
});

it("ignores info.version (it follows the package version)", () => {
  const a = docs.get("base")!;
  expect(diffSpecs(a, { ...a, info: { ...a.info, version: "9.9.9" } })).toEqual([]);
});

describe("x-pagination changes", () => {
  const paged = () => structuredClone(docs.get("add-pagination")!);
  const change = (edit: (p: Record<string, unknown>) => void) => {
    const b = paged();
    edit(b.paths["/members/{memberId}"].get["x-pagination"]);
    return diffSpecs(docs.get("add-pagination")!, b).map((c) => `${c.level} ${c.message}`);
  };
  it("a changed item path, token name or kind is major (the paginator's input or item type changes)", () => {
    expect(change((p) => (p.items = "rows"))).toEqual(['major changed x-pagination items of getMember: "" -> "rows"']);
    expect(change((p) => (p.outputToken = "cursor"))).toEqual([
      'major changed x-pagination outputToken of getMember: "status" -> "cursor"',
    ]);
    expect(change((p) => (p.kind = "token"))).toEqual(['major changed x-pagination kind of getMember: "cursor" -> "token"']);
  });
  it("a stop condition (hasMore, totals, pageSize) added, changed or removed is minor", () => {
    expect(change((p) => (p.hasMore = "hasMore"))).toEqual(['minor changed x-pagination hasMore of getMember: (none) -> "hasMore"']);
    expect(change((p) => (p.pageSize = "limit"))).toEqual(['minor changed x-pagination pageSize of getMember: (none) -> "limit"']);
  });
});

it("classifies every fixture file", async () => {
  const { readdirSync } = await import("node:fs");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "base.yaml")
    .map((f) => f.replace(/\.yaml$/, ""));
  expect(files.sort()).toEqual(Object.keys(RULES).sort());
});

describe("security changes, by their effect on the generated factory", () => {
  const secured = () => {
    const d = structuredClone(docs.get("base")!);
    d.security = [{ key: [] }];
    d.components.securitySchemes = {
      key: {
        type: "apiKey",
        in: "header",
        name: "Authorization",
        "x-auth-prefix": "Basic ",
        "x-client-option": { name: "apiKey", description: "The key." },
      },
      jwt: { type: "http", scheme: "bearer" },
    };
    d.components.parameters = {
      Tenant: { name: "X-Tenant", in: "header", schema: { type: "string" }, "x-client-parameter": { option: "tenant" } },
    };
    return d;
  };
  const change = (edit: (d: Doc) => void) => {
    const b = secured();
    edit(b);
    return diffSpecs(secured(), b).map((c) => `${c.level} ${c.message}`);
  };
  it("a changed scheme type, option name or prefix is major", () => {
    expect(
      change(
        (d) =>
          (d.components.securitySchemes.key = {
            type: "http",
            scheme: "bearer",
            "x-client-option": { name: "apiKey", description: "The key." },
          }),
      ),
    ).toEqual([
      "major changed security scheme key: apiKey header Authorization -> http bearer",
      'major changed x-auth-prefix of security scheme key: "Basic " -> ""',
    ]);
    expect(change((d) => (d.components.securitySchemes.key["x-client-option"] = "secret"))).toEqual([
      "major renamed the client option of security scheme key: apiKey -> secret",
    ]);
    expect(change((d) => (d["x-client-name"] = "Acme"))).toEqual([
      "major renamed the client factory (x-client-name (from the id) -> Acme)",
    ]);
    // Annotating a factory that was hand-written at the base (no generated client.ts there) describes it: a patch.
    const b = secured();
    b["x-client-name"] = "AcmeCo";
    expect(diffSpecs(secured(), b, "acme", false).map((c) => c.level)).toEqual(["patch"]);
  });
  it("an added alternative is minor, a removed one major; a new description of an option is a patch", () => {
    expect(change((d) => d.security.push({ jwt: [] }))).toEqual(["minor added security alternative jwt: a new way to authenticate"]);
    const back = diffSpecs(
      (() => {
        const d = secured();
        d.security.push({ jwt: [] });
        return d;
      })(),
      secured(),
    );
    expect(back.map((c) => `${c.level} ${c.message}`)).toEqual([
      "major removed security alternative jwt: clients using it can no longer authenticate",
    ]);
    expect(change((d) => (d.components.securitySchemes.key["x-client-option"].description = "Another text."))).toEqual([
      "patch changed the description of the client option of security scheme key",
    ]);
  });
  it("client-level parameters: a new required option is major, a generated default minor", () => {
    expect(change((d) => (d.components.parameters.Tenant["x-client-parameter"] = { option: "tenant", required: true }))).toEqual([
      "major changed the client option of header X-Tenant: tenant -> tenant (required)",
    ]);
    expect(
      change(
        (d) =>
          (d.components.parameters.Corr = {
            name: "X-Corr",
            in: "header",
            schema: { type: "string" },
            "x-client-parameter": { default: "uuid" },
          }),
      ),
    ).toEqual(["minor header X-Corr became a client-level parameter"]);
  });
});
