/**
 * `pnpm new-api <id>`: a new API is one spec folder, one package and one redocly.yaml entry, plus its entries in
 * the workspace harnesses that can be written from a template (the size consumer and budget, the aggregate
 * manifests), all produced here (never by copying another API's package). What stays per-API and hand-written
 * (auth adaptors of the test harnesses) is guarded by completeness tests: see CONTRIBUTING.md > Adding an API.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SpecError } from "./bundle.js";

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/**
 * Manifests of workspace packages that cover every API and so depend on each API package, and the dependency
 * field that holds the API packages there.
 */
export const AGGREGATES: [manifest: string, field: "dependencies" | "devDependencies"][] = [
  ["tools/docs/package.json", "dependencies"],
  ["tools/release/package.json", "devDependencies"], // size/<id>.ts and the release round trip
  ["tools/bench/package.json", "devDependencies"], // src/fixtures.ts
];
/** `pnpm check:size`: one-operation consumers and their budgets (tools/release/src/size.ts). */
const SIZE_DIR = "tools/release/size";
const SIZE_BUDGETS = "tools/release/size-budgets.json";
/** Issue 4's min+gzip targets (1 kB = 1000 B). */
export const sizeTarget = (id: string) => (id.startsWith("aws-") ? 10_000 : 5_000);

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (id: string) => camel(id).charAt(0).toUpperCase() + camel(id).slice(1);

export function packageJson(id: string, description: string): string {
  return `${JSON.stringify(
    {
      name: `@subscription-apis/${id}`,
      version: "0.1.0",
      description,
      license: "MIT",
      type: "module",
      sideEffects: false,
      repository: { type: "git", url: "git+https://github.com/subscription-apis/subscription-apis.git", directory: `packages/${id}` },
      keywords: ["openapi", "client", "typescript", id],
      exports: {
        ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
        // The spec-driven mock for consumers' tests (src/generated/testing.ts, issue 16).
        "./testing": { types: "./dist/generated/testing.d.ts", default: "./dist/generated/testing.js" },
        "./openapi.json": "./dist/openapi.json",
        "./package.json": "./package.json",
      },
      files: ["dist", "README.md"],
      publishConfig: { access: "public" },
      scripts: {
        lint: `redocly lint ${id}@v1 --config ../../redocly.yaml`,
        bundle: `redocly bundle ${id}@v1 --config ../../redocly.yaml --ext json -o dist/openapi.json`,
        generate: "sapi-codegen generate",
        "generate:check": "sapi-codegen check",
        build: "tsc -p tsconfig.json",
        typecheck: "tsgo -p tsconfig.test.json",
        test: "vitest run --testTimeout=300000 --hookTimeout=300000",
      },
      dependencies: { "@subscription-apis/runtime": "workspace:^", "openapi-fetch": "catalog:" },
      devDependencies: {
        "@redocly/cli": "catalog:",
        "@subscription-apis/codegen": "workspace:*",
        "@types/node": "catalog:",
        "@typescript/native-preview": "catalog:",
        typescript: "catalog:",
        vitest: "catalog:",
      },
    },
    null,
    2,
  )}\n`;
}

export function turboJson(id: string): string {
  const spec = [`$TURBO_ROOT$/specs/${id}/**`, "$TURBO_ROOT$/redocly.yaml"];
  return `${JSON.stringify(
    {
      $schema: "https://turborepo.com/schema.json",
      extends: ["//"],
      tasks: {
        lint: { inputs: spec },
        bundle: { inputs: spec },
        // src/index.ts: the factory's name names the mock (`create<Name>Mock`, src/generated/testing.ts).
        generate: { inputs: [...spec, "package.json", "src/index.ts"] },
        "generate:check": { inputs: [...spec, "src/generated/**", "src/index.ts"] },
        // src/generated/ is a function of the spec (and the generator, via generate's hash): hashing it too would
        // make the build after a spec edit miss the cache once more (turbo hashes before generate rewrites it).
        build: { inputs: ["$TURBO_DEFAULT$", "!src/generated/**", ...spec] },
        typecheck: { inputs: ["$TURBO_DEFAULT$", "!src/generated/**", ...spec] },
        test: { inputs: ["$TURBO_DEFAULT$", "!src/generated/**", ...spec] },
      },
    },
    null,
    2,
  )}\n`;
}

export const TSCONFIG = `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "outDir": "dist", "rootDir": "src", "types": [] },
  "include": ["src"]
}
`;

export const TSCONFIG_TEST = `{
  "extends": "./tsconfig.json",
  "compilerOptions": { "noEmit": true, "rootDir": ".", "declaration": false, "declarationMap": false, "types": ["node"] },
  "include": ["src", "test", "examples"]
}
`;

function specFiles(id: string): Record<string, string> {
  const title = pascal(id);
  return {
    "openapi.yaml": `openapi: 3.1.0
info:
  title: ${title} API
  version: 0.1.0
  summary: TODO one line about the ${title} API.
  description: |
    TODO: name the vendor, link its documentation and state the business rules.
  contact:
    name: ${title} developer documentation
    url: https://example.org/docs
  license:
    name: MIT
    identifier: MIT
servers:
  - url: https://api.${id}.invalid/v1
    description: Production.
    x-environment: production
tags:
  - name: Subscriptions
    description: TODO
security:
  - bearerApiKey: []
paths:
  /subscriptions/{subscriptionId}/cancel:
    $ref: paths/subscriptions_{subscriptionId}_cancel.yaml
components:
  securitySchemes:
    bearerApiKey:
      $ref: components/securitySchemes/bearerApiKey.yaml
`,
    "paths/subscriptions_{subscriptionId}_cancel.yaml": `post:
  operationId: cancelSubscription
  summary: Cancel a subscription
  description: TODO the business rules of the vendor's cancel operation.
  tags:
    - Subscriptions
  externalDocs:
    description: Vendor reference
    url: https://example.org/docs/cancel
  x-source:
    url: https://example.org/docs/cancel
    retrieved: "2026-01-01"
    authority: TODO the authoritative source used
    corrections: []
  parameters:
    - $ref: ../components/parameters/SubscriptionId.yaml
  responses:
    "200":
      description: The cancelled subscription.
      content:
        application/json:
          schema:
            $ref: ../components/schemas/Subscription.yaml
          example:
            id: sub_123
            status: cancelled
    "404":
      $ref: ../components/responses/NotFound.yaml
    default:
      $ref: ../components/responses/UnexpectedError.yaml
`,
    "components/parameters/SubscriptionId.yaml": `name: subscriptionId
in: path
required: true
description: The subscription to cancel.
schema:
  type: string
  minLength: 1
example: sub_123
`,
    "components/schemas/Subscription.yaml": `type: object
description: A subscription.
properties:
  id:
    type: string
    description: Subscription id.
    example: sub_123
  status:
    type: string
    description: Subscription status.
    example: cancelled
required:
  - id
  - status
`,
    "components/schemas/ErrorResponse.yaml": `type: object
description: The vendor's error envelope.
properties:
  message:
    type: string
    description: What went wrong.
    example: Subscription not found.
required:
  - message
`,
    "components/responses/NotFound.yaml": `description: No such subscription.
content:
  application/json:
    schema:
      $ref: ../schemas/ErrorResponse.yaml
    example:
      message: Subscription not found.
`,
    "components/responses/UnexpectedError.yaml": `description: Any other error, in the vendor's error envelope.
content:
  application/json:
    schema:
      $ref: ../schemas/ErrorResponse.yaml
    example:
      message: Internal error.
`,
    "components/securitySchemes/bearerApiKey.yaml": `type: http
scheme: bearer
description: The API key as a bearer token.
`,
    "README.md": `# specs/${id}

TODO: the ${title} API, its vendor docs, auth, the operations, and the sources used.

## Known gaps

- TODO: every vendor fact not expressed in the spec, with the reason.
`,
  };
}

/** examples/usage.ts: the runnable usage example (type-checked, embedded verbatim in README.md, run by test:release). */
export function usageExample(id: string): string {
  const P = pascal(id);
  const ENV = id.toUpperCase().replace(/-/g, "_");
  return `import { pathToFileURL } from "node:url";
import { create${P}Client } from "@subscription-apis/${id}";

/** Cancel one subscription. Reads ${ENV}_API_KEY and ${ENV}_SUBSCRIPTION_ID. */
export async function main(baseUrl?: string): Promise<string> {
  const client = create${P}Client({
    apiKey: process.env.${ENV}_API_KEY ?? "",
    ...(baseUrl ? { baseUrl } : {}),
  });

  const { data, error } = await client.cancelSubscription({ subscriptionId: process.env.${ENV}_SUBSCRIPTION_ID ?? "" });

  const line = error ? \`HTTP \${error.status}: \${error.message}\` : \`cancelled \${data.id}: status \${data.status}\`;
  console.log(line);
  return line;
}

// Run directly (e.g. \`npx tsx examples/usage.ts\`); ${ENV}_BASE_URL overrides the server (proxies, tests).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.env.${ENV}_BASE_URL);
`;
}

function packageFiles(id: string): Record<string, string> {
  const P = pascal(id);
  return {
    "package.json": packageJson(id, `Typed client for the ${P} API, generated from specs/${id}.`),
    "turbo.json": turboJson(id),
    "tsconfig.json": TSCONFIG,
    "tsconfig.test.json": TSCONFIG_TEST,
    "examples/usage.ts": usageExample(id),
    "src/index.ts": `import { bearerAuth, type ApiClient, type BaseClient, type BaseClientOptions, type TokenSource } from "@subscription-apis/runtime";
import { createApiClient, type ClientCoreConfig } from "@subscription-apis/runtime/internal";
import { allOperations, service, type Operations } from "./generated/api.js";
import type { paths } from "./generated/schema.js";

export * from "./generated/api.js";
export type { components, operations, paths } from "./generated/schema.js";
export * from "@subscription-apis/runtime/errors";
export { rawClient, type RawClientOptions } from "@subscription-apis/runtime/raw";

export interface ${P}ClientOptions<TThrow extends boolean = false> extends BaseClientOptions {
  /** API key, sent as \`Authorization: Bearer <apiKey>\`. */
  apiKey: TokenSource;
  /** A server of the spec, by its \`x-environment\` (the first one by default). */
  environment?: (typeof service.servers)[number]["environment"];
  throwOnError?: TThrow;
}

export type ${P}Client<TThrow extends boolean = false> = ApiClient<Operations<TThrow>, paths, TThrow>;

/** A client without operation methods: call the operations you import as functions, \`op(client, input)\`. */
export type ${P}Core<TThrow extends boolean = false> = BaseClient<paths, TThrow, never>;

function config(options: ${P}ClientOptions<boolean>): ClientCoreConfig {
  const { apiKey, ...rest } = options;
  return { ...rest, auth: bearerAuth(apiKey, "apiKey") };
}

export function create${P}Client<TThrow extends boolean = false>(options: ${P}ClientOptions<TThrow>): ${P}Client<TThrow> {
  return createApiClient(service, allOperations, config(options));
}

/** The same client without operation methods: import the operations you call and a bundler drops the others. */
export function create${P}Core<TThrow extends boolean = false>(options: ${P}ClientOptions<TThrow>): ${P}Core<TThrow> {
  return createApiClient(service, {}, config(options));
}
`,
    "test/client.test.ts": `import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create${P}Client } from "../dist/index.js";

let baseUrl = "";
const received: { method?: string; url?: string; auth?: string }[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  received.push({ method: req.method, url: req.url, auth: req.headers.authorization });
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "sub_123", status: "cancelled" }));
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = \`http://127.0.0.1:\${(server.address() as AddressInfo).port}\`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("cancelSubscription", () => {
  it("sends an authenticated POST and returns the typed data", async () => {
    const client = create${P}Client({ apiKey: "test-key-123", baseUrl });
    const { data, error } = await client.cancelSubscription({ subscriptionId: "sub_123" });
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: "sub_123", status: "cancelled" });
    expect(received.at(-1)).toEqual({ method: "POST", url: "/subscriptions/sub_123/cancel", auth: "Bearer test-key-123" });
  });
});
`,
    "README.md": `# @subscription-apis/${id}

Typed client for the ${P} API, generated from [\`specs/${id}\`](../../specs/${id}).

## Install

\`\`\`sh
npm install @subscription-apis/${id}
\`\`\`

## Usage

\`examples/usage.ts\` (compiled by the typecheck and run by the release round trip against a local server):

\`\`\`ts
${usageExample(id)}\`\`\`

TODO: Authentication, Errors, Retries & timeouts.
`,
  };
}

/** tools/release/size/<id>.ts: the starter client's one operation, as a browser app would ship it. */
export function sizeConsumer(id: string): string {
  const P = pascal(id);
  return `// One-operation browser consumer of @subscription-apis/${id}, bundled by \`sapi-release size\` (scaffolded by
// \`pnpm new-api ${id}\`: call the API's real operation here once the spec has it).
import { create${P}Client } from "@subscription-apis/${id}";

export function cancel(apiKey: string, subscriptionId: string) {
  return create${P}Client({ apiKey }).cancelSubscription({ subscriptionId });
}
`;
}

/**
 * The size-budgets.json entry of a new package. Its target is issue 4's; its budget is the largest budget of the
 * existing clients with the same target (they share the runtime, so a new one-operation client weighs about what
 * they weigh), never below the target: a new API passes `pnpm check:size` as its siblings do, and its budget is
 * lowered with theirs.
 */
export function sizeBudget(
  id: string,
  existing: Record<string, { budget?: number; target?: number }> = {},
): { consumer: string; budget: number; target: number; $comment: string } {
  const target = sizeTarget(id);
  const siblings = Object.values(existing).filter((e) => e.target === target && typeof e.budget === "number");
  const budget = Math.max(target, ...siblings.map((e) => e.budget!));
  const kind = id.startsWith("aws-") ? "AWS client <= 10 kB" : "non-AWS client <= 5 kB";
  return {
    consumer: `size/${id}.ts`,
    budget,
    target,
    $comment:
      budget === target
        ? `Scaffolded by \`pnpm new-api ${id}\`: the budget is issue 4's target (${kind}); never raise it without a reason here.`
        : `Scaffolded by \`pnpm new-api ${id}\`: the budget is the largest of its siblings' (same target, same runtime), ${budget} B; issue 4's target is ${kind}. Lower it with theirs.`,
  };
}

/**
 * Create specs/<id>/, packages/<id>/, tools/release/size/<id>.ts, and add the API to redocly.yaml, the size budgets
 * and the aggregate manifests. Refuses to overwrite anything. Returns every file written; those that existed
 * before (and were updated) are also pushed to `updated`.
 */
export function scaffoldApi(root: string, id: string, updated: string[] = []): string[] {
  if (!ID.test(id)) throw new SpecError(`"${id}" is not a valid API id: use lower-case kebab-case, e.g. acme-billing`);
  const specDir = join(root, "specs", id);
  const pkgDir = join(root, "packages", id);
  if (existsSync(specDir) || existsSync(pkgDir)) throw new SpecError(`specs/${id} or packages/${id} already exists`);
  const registry = join(root, "redocly.yaml");
  const yaml = readFileSync(registry, "utf8");
  if (new RegExp(`^  ${id}@v1:`, "m").test(yaml)) throw new SpecError(`redocly.yaml already registers ${id}@v1`);
  const name = `@subscription-apis/${id}`;
  const budgetsFile = join(root, SIZE_BUDGETS);
  const budgets = existsSync(budgetsFile)
    ? (JSON.parse(readFileSync(budgetsFile, "utf8")) as { packages: Record<string, { budget?: number; target?: number }> })
    : undefined;
  if (budgets?.packages[name]) throw new SpecError(`${SIZE_BUDGETS} already has a budget for ${name}`);
  const created: string[] = [];
  const write = (path: string, content: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content, { flag: "wx" });
    created.push(path);
  };
  for (const [rel, content] of Object.entries(specFiles(id))) write(join(specDir, rel), content);
  for (const [rel, content] of Object.entries(packageFiles(id))) write(join(pkgDir, rel), content);
  // Workspace packages that aggregate every API (the docs site, the release tools, ...) depend on each API package.
  for (const [rel, field] of AGGREGATES) {
    const manifest = join(root, rel);
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, Record<string, string> | undefined>;
    pkg[field] = Object.fromEntries(Object.entries({ ...pkg[field], [name]: "workspace:*" }).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
    created.push(manifest);
    updated.push(manifest);
  }
  // `pnpm check:size` measures every publishable package: a consumer and a budget (see sizeBudget).
  if (budgets) {
    write(join(root, SIZE_DIR, `${id}.ts`), sizeConsumer(id));
    budgets.packages[name] = sizeBudget(id, budgets.packages);
    writeFileSync(budgetsFile, `${JSON.stringify(budgets, null, 2)}\n`);
    created.push(budgetsFile);
    updated.push(budgetsFile);
  }
  const entry = `  ${id}@v1:\n    root: specs/${id}/openapi.yaml\n    x-openapi-ts:\n      output: packages/${id}/src/generated/schema.ts\n`;
  writeFileSync(registry, yaml.endsWith("\n") ? yaml + entry : `${yaml}\n${entry}`);
  created.push(registry);
  updated.push(registry);
  return created;
}
