/**
 * `packages/<id>/README.md`, generated from the spec (and the package's optional hand-written `NOTES.md`, included
 * verbatim): install, a runnable example, authentication options, every operation with an example call built from
 * the spec's examples and its typed error codes, errors, retries and timeouts, pagination and idempotency.
 */
import { cancelOperation, exampleEnv, operationExample, primary } from "./descriptor.js";
import { names, optionDocs, type ClientModel } from "./factory.js";
import type { ApiOut, OperationOut } from "./surface.js";

type Json = Record<string, any>;

export interface ReadmeInput {
  api: ApiOut;
  model: ClientModel;
  doc: Json;
  packageName: string;
  specPath: string;
  /** packages/<id>/NOTES.md, included verbatim under "Vendor notes". */
  notes?: string;
  /** The "Testing your code" section (markdown, without its heading); absent: an insertion marker. */
  testing?: string;
}

/** The variable a README example names the client by: `mayar`, `awsQBusiness`. */
const clientVar = (model: ClientModel) => model.name.charAt(0).toLowerCase() + model.name.slice(1);
const ts = (code: string) => `\`\`\`ts\n${code.trim()}\n\`\`\``;
const literal = (v: unknown, indent = "") =>
  JSON.stringify(v, null, 2)
    .replace(/\n/g, `\n${indent}`)
    .replace(/"([A-Za-z_$][\w$]*)":/g, "$1:");

/** The options of the runnable example, read from the environment. */
function envOptions(input: ReadmeInput): string[] {
  const { model, api } = input;
  const lines: string[] = [];
  for (const e of exampleEnv(api, model)) {
    if (e.option === "baseUrl" || e.option.startsWith("credentials.")) continue;
    if (e.option.includes(".")) continue;
    lines.push(`  ${e.option}: process.env.${e.name} ?? "",`);
  }
  const a = primary(model);
  if (a.kind === "oauth2") {
    const [id, secret] = exampleEnv(api, model);
    lines.unshift(`  ${a.option}: { clientId: process.env.${id!.name} ?? "", clientSecret: process.env.${secret!.name} ?? "" },`);
  }
  if (a.kind === "sigv4") lines.splice(0, lines.length, "  region: process.env.AWS_REGION, // credentials: the AWS_* variables");
  const base = exampleEnv(api, model).find((e) => e.option === "baseUrl")!;
  lines.push(`  ...(process.env.${base.name} ? { baseUrl: process.env.${base.name} } : {}),`);
  return lines;
}

function runnable(input: ReadmeInput): string {
  const { api, model, doc, packageName } = input;
  const n = names(model);
  const v = clientVar(model);
  const op = api.operations[cancelOperation(api)]!;
  const ex = operationExample(doc, op, model);
  return ts(`
import { ${n.client} } from "${packageName}";

const ${v} = ${n.client}({
${envOptions(input).join("\n")}
});

const { data, error } = await ${v}.${op.operationId}(${literal(ex.input)});
if (error) {
  console.error(\`\${error.code} (HTTP \${error.status}): \${error.message}\`);
  process.exitCode = 1;
} else {
  console.log(JSON.stringify(data ?? "done"));
}
`);
}

function retries(op: OperationOut): string {
  if (op.idempotent)
    return op.params.some((p) => p.idempotencyToken)
      ? "idempotent by its token: retried on 429, 5xx, timeouts and connection errors"
      : "idempotent: retried on 429, 5xx, timeouts and connection errors";
  return "not idempotent: retried only on 429 and refused connections (opt in with `retry: { retryNonIdempotent: true }`)";
}

function operationSection(input: ReadmeInput, op: OperationOut): string {
  const { doc, model } = input;
  const raw = doc.paths?.[op.path]?.[op.method] ?? {};
  const ex = operationExample(doc, op, model);
  const out: string[] = [`### \`${op.operationId}\`\n`];
  if (raw.summary) out.push(`${String(raw.summary).trim()}\n`);
  out.push(`\`${op.method.toUpperCase()} ${op.path}\` — ${retries(op)}.`);
  const token = op.params.find((p) => p.idempotencyToken);
  if (token) out.push(`\`${token.key}\` is the idempotency token: left out, the client sends a fresh UUID, the same on every retry.`);
  if (raw.externalDocs?.url) out.push(`Vendor documentation: <${raw.externalDocs.url}>.`);
  out.push("");
  out.push(ts(`const { data, error } = await ${clientVar(model)}.${op.operationId}(${literal(ex.input)});`));
  if (op.pagination) {
    const P = op.operationId.charAt(0).toUpperCase() + op.operationId.slice(1);
    out.push(`\nEvery page or item: \`for await (const item of paginate${P}(${clientVar(model)}, input).items())\`.`);
  }
  out.push("\n| `error.code` | status |\n| --- | --- |");
  if (op.errorCodes) for (const [code, def] of Object.entries(op.errorCodes)) out.push(`| \`${code}\` | ${def.status} |`);
  else for (const [status, def] of Object.entries(op.errors)) if (status !== "default") out.push(`| \`${def.code}\` | ${status} |`);
  out.push(`| \`UnknownError\` | any other${op.errors.default ? " (the spec's `default` response)" : ""} |`);
  return out.join("\n");
}

export const TESTING_MARKER = '<!-- testing: the generator inserts the "Testing your code" section here (ReadmeInput.testing) -->';

export function emitReadme(input: ReadmeInput): string {
  const { api, model, packageName, specPath } = input;
  const n = names(model);
  const v = clientVar(model);
  const ops = Object.values(api.operations);
  const summary = input.doc.info?.summary ? ` ${String(input.doc.info.summary).trim()}` : "";
  const env = exampleEnv(api, model);
  const out: string[] = [
    `<!-- @generated by @subscription-apis/codegen from ${specPath}${input.notes !== undefined ? " and NOTES.md" : ""}. DO NOT EDIT: change the spec or NOTES.md, then run \`pnpm generate\` (\`pnpm generate:check\` fails when this file is stale). -->`,
    `# ${packageName}\n`,
    `Typed TypeScript client for the ${api.title} (${api.version}).${summary} Typed results and errors, input validation before anything is sent, retries, per-attempt timeouts, and no credential in errors or logs.\n`,
    `Generated from [\`${specPath.replace(/\/openapi\.yaml$/, "")}\`](../../${specPath.replace(/\/openapi\.yaml$/, "")}) by \`@subscription-apis/codegen\` on top of \`@subscription-apis/runtime\`.\n`,
    "## Install\n",
    `\`\`\`sh\npnpm add ${packageName}\n\`\`\`\n`,
    "ESM only, Node.js >= 20.19 (or any runtime with `fetch`).\n",
    "## Usage\n",
    `A runnable example: it calls \`${cancelOperation(api)}\` with the spec's example input and reads these variables:\n`,
    "| variable | |\n| --- | --- |",
    ...env.map((e) => `| \`${e.name}\` | ${e.description}${e.required ? "" : " (optional)"} |`),
    "",
    runnable(input),
    "",
    "## Authentication and options\n",
    `\`${n.client}(options)\` (all operations as methods) and \`${n.core}(options)\` (no methods: import the operations you call, \`${cancelOperation(api)}(client, input)\`, and a bundler drops the others) take:\n`,
    "| option | type | |\n| --- | --- | --- |",
    ...optionDocs(model, api).map(
      (o) =>
        `| \`${o.name}\`${o.required ? " (required)" : ""} | \`${o.type.replace(/\|/g, "\\|").replace(/\(typeof service[^`]*/, "string")}\` | ${o.doc.replace(/\n/g, " ")} |`,
    ),
    "| `baseUrl`, `timeoutMs`, `retry`, `headers`, `fetch`, `logger`, `throwOnError` | | see Retries and timeouts |",
    "",
    `A credential given as a function is called once per attempt. Every credential is redacted (\`[REDACTED]\`) from error messages, stacks, bodies, \`JSON.stringify\` and log lines, even when the server echoes it.\n`,
    "## Operations\n",
    ...ops.map((op) => `${operationSection(input, op)}\n`),
    "## Errors\n",
    "A call resolves to `{ data, error, response }`: exactly one of `data` and `error` is set. `error` is an `ApiError` whose `code` is the discriminant (the tables above); narrowing on it types `status` and `body`. With `throwOnError: true` the same errors are thrown. Bad input throws `ValidationError` before anything is sent; no response throws `ConnectionError` (`TimeoutError` for a timed-out attempt); an aborted signal throws `AbortError`; a missing credential throws `AuthError`.\n",
    "## Retries and timeouts\n",
    "- Default 3 attempts in total (`retry: { maxAttempts }`); which failures are retried depends on the operation (above).",
    "- Delay: `Retry-After` when sent (capped at `maxRetryAfterMs`, default 20 s), else exponential backoff with jitter from `baseDelayMs` (200 ms) up to `maxDelayMs` (8 s).",
    "- `timeoutMs` (default 30 000 ms) applies to each attempt, reading the body included.",
    "- Per call: `{ signal, timeoutMs, retry, headers }`; `logger: { warn(message) }` receives one line per retry (never headers, credentials or bodies).\n",
    ts(`const ${v} = ${n.client}({ ...options, timeoutMs: 10_000, retry: { maxAttempts: 5 } });`),
    "",
    "## Testing your code\n",
    input.testing?.trim() ?? TESTING_MARKER,
    "",
  ];
  if (input.notes !== undefined) out.push("## Vendor notes\n", input.notes.trim(), "");
  out.push(
    "## Raw client and versioning\n",
    `\`rawClient(${v})\` (from this package) is an [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) client typed by path, with the same auth, retries and timeouts, without input validation or typed errors. The generated types (\`paths\`, \`components\`, \`operations\`) and the operation data (\`api\`) are exported too.\n`,
    `Releases follow semver (Changesets). The spec's \`info.version\` follows this package's version. While the package is \`0.x\`, a spec change that alters the generated types can break compilation in a minor release: pin the version you tested against.`,
    "",
  );
  return out.join("\n");
}
