/**
 * `pnpm new-api <id>`: a new API is one spec folder, one package shell and one redocly.yaml entry, all produced here
 * from templates (never by copying another API's package). Everything else — the client factory, the README, the
 * descriptor the tools read — is generated from the spec by `pnpm generate`. See CONTRIBUTING.md > Adding an API.
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
        // Internal (outside semver): the generated per-API descriptor the repository's tools read.
        "./descriptor": { types: "./dist/generated/descriptor.d.ts", default: "./dist/generated/descriptor.js" },
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
        "@subscription-apis/test-kit": "workspace:*",
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
  const spec = [`$TURBO_ROOT$/specs/${id}/**`, "$TURBO_ROOT$/redocly.rules.yaml"];
  return `${JSON.stringify(
    {
      $schema: "https://turborepo.com/schema.json",
      extends: ["//"],
      tasks: {
        lint: { inputs: spec },
        bundle: { inputs: spec },
        // The README is generated too, from the spec and the optional NOTES.md.
        generate: { inputs: [...spec, "package.json", "NOTES.md"] },
        "generate:check": { inputs: [...spec, "src/generated/**", "NOTES.md", "README.md"] },
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
  "include": ["src", "test"]
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
x-client-option: apiKey
`,
    "README.md": `# specs/${id}

TODO: the ${title} API, its vendor docs, auth, the operations, and the sources used.

## Known gaps

- TODO: every vendor fact not expressed in the spec, with the reason.
`,
  };
}

/** The package shell: what the generator does not write (it writes src/generated/ and README.md). */
function packageFiles(id: string): Record<string, string> {
  return {
    "package.json": packageJson(id, `Typed client for the ${pascal(id)} API, generated from specs/${id}.`),
    "turbo.json": turboJson(id),
    "tsconfig.json": TSCONFIG,
    "tsconfig.test.json": TSCONFIG_TEST,
    "src/index.ts": `// The client factory and everything the package exports are generated from specs/${id} (src/generated/client.ts).\nexport * from "./generated/client.js";\n`,
    "test/conformance.test.ts": `// The spec-driven conformance suite (tools/test-kit/src/conformance.ts) on this package's generated api, examples and descriptor.\nimport { describeApi, type TypeMismatches } from "@subscription-apis/test-kit/conformance";\nimport { expectTypeOf } from "vitest";\nimport type { api, Operations } from "../dist/index.js";\n\nawait describeApi(new URL("..", import.meta.url));\n// For the typecheck: every method's typed error codes (and their statuses) and input keys are the documented ones.\nexpectTypeOf<TypeMismatches<typeof api, Operations>>().toEqualTypeOf<never>();\n`,
  };
}

/**
 * Create specs/<id>/ and packages/<id>/, and add the API to redocly.yaml and the aggregate manifests. Refuses to overwrite anything. Returns every file written; those that existed
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
  const entry = `  ${id}@v1:\n    root: specs/${id}/openapi.yaml\n    x-openapi-ts:\n      output: packages/${id}/src/generated/schema.ts\n`;
  writeFileSync(registry, yaml.endsWith("\n") ? yaml + entry : `${yaml}\n${entry}`);
  created.push(registry);
  updated.push(registry);
  return created;
}
