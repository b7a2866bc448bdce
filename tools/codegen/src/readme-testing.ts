/**
 * The "Testing your code" section of a client package's README, rendered from the API's data (the generated
 * `api`, or the generator's surface) and its examples: a runnable vitest file against `create<Name>Mock()` that
 * gets the example response, observes a retry after 429 + Retry-After, receives a documented error as a typed
 * error, and gets the vendor's validation error for a request the real API would reject. The release round trip
 * runs that file from the published package (tools/release/e2e/release-roundtrip.test.ts).
 */

/** The parameter's constraint (the runtime's `Constraint`: type, format, pattern, lengths, bounds, enum). */
type Constraint = Readonly<
  Partial<Record<"format" | "pattern", string> & Record<"minLength" | "maxLength" | "minimum" | "maximum", number>>
> & {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
};
interface Param {
  readonly name: string;
  readonly in: string;
  readonly key: string;
  readonly required: boolean;
  readonly schema?: Constraint;
}
interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly params: readonly Param[];
  readonly alternatives?: readonly { readonly key: string }[];
  readonly success: readonly number[];
  readonly errors: Readonly<Record<string, { readonly code: string }>>;
  readonly errorCodes?: Readonly<Record<string, { readonly status: number }>>;
}
interface Scheme {
  readonly type: string;
  readonly scheme?: string;
  readonly signingName?: string;
}

/** What the section is rendered from: the API's data (`api` of src/generated/api.ts or the generator's surface). */
export interface TestingReadmeModel {
  /** The name in the factories: `create<Name>Client`, `create<Name>Mock`. */
  readonly name: string;
  readonly api: {
    readonly id: string;
    readonly title: string;
    readonly protocol: string;
    readonly securitySchemes: Readonly<Record<string, Scheme>>;
    readonly operations: Readonly<Record<string, Operation>>;
  };
  /** The spec's examples, keyed like src/generated/examples.ts (`<op>.parameters.<in>.<name>`, `<op>.responses.<status>.<name>`). */
  readonly examples: Readonly<Record<string, unknown>>;
}

const js = (v: unknown) => JSON.stringify(v);
const ident = /^[A-Za-z_$][\w$]*$/;
const prop = (k: string) => (ident.test(k) ? k : js(k));
const obj = (entries: [string, unknown][]) => `{ ${entries.map(([k, v]) => `${prop(k)}: ${js(v)}`).join(", ")} }`;

/** The operation the section shows: the API's cancel operation (the call these packages exist for), else its first. */
function pickOperation(model: TestingReadmeModel): Operation {
  const ops = Object.values(model.api.operations);
  const op = ops.find((o) => o.operationId.startsWith("cancel")) ?? ops[0];
  if (!op) throw new Error(`${model.api.id}: no operation to show in "Testing your code"`);
  return op;
}

/** Header parameters every operation requires are client options (e.g. a tenant), filled in by the client. */
function clientParams(model: TestingReadmeModel): Param[] {
  const ops = Object.values(model.api.operations);
  const first = ops[0]?.params.filter((p) => p.in === "header" && p.required) ?? [];
  return first.filter((p) => ops.every((o) => o.params.some((q) => q.in === "header" && q.required && q.name === p.name)));
}

function exampleOf(model: TestingReadmeModel, op: Operation, p: Param): unknown {
  if (p.in === "body") {
    const body = model.examples[`${op.operationId}.requestBody.example`];
    if (p.name === "") return body;
    return body && typeof body === "object" ? (body as Record<string, unknown>)[p.name] : undefined;
  }
  return model.examples[`${op.operationId}.parameters.${p.in}.${p.name}`];
}

/** A value of the parameter's type that its constraint rejects (what the real API answers with a validation error). */
function violating(p: Param): unknown {
  const s = p.schema ?? {};
  const types = typeof s.type === "string" ? [s.type] : (s.type ?? []);
  if (types.includes("integer")) return s.minimum !== undefined ? s.minimum - 1 : s.maximum !== undefined ? s.maximum + 1 : 1.5;
  if (!types.includes("string") || s.enum) return undefined;
  if (s.maxLength !== undefined) return "x".repeat(s.maxLength + 1);
  if (s.pattern !== undefined && !new RegExp(s.pattern, "u").test("!")) return "!";
  if (s.format === "uuid") return "!";
  if (s.minLength !== undefined && s.minLength > 0 && p.in !== "path") return "";
  if (s.minLength !== undefined && s.minLength > 1) return "x";
  return undefined;
}

/** The client options: the mock's fetch and a credential of the API's scheme (the mock accepts any, AWS: its keys). */
function clientOptions(model: TestingReadmeModel): string {
  const schemes = Object.values(model.api.securitySchemes);
  const tenantLike = clientParams(model).map(
    (p) => `${p.key}: ${js(model.examples[`${pickOperation(model).operationId}.parameters.header.${p.name}`] ?? "example")}`,
  );
  const auth = schemes.some((s) => s.signingName)
    ? ["region: mock.region", "credentials: mock.credentials"]
    : schemes.some((s) => s.type === "oauth2")
      ? ['token: "test-token"']
      : ['apiKey: "test-key"'];
  return `{ ${[...auth, ...tenantLike, "fetch: mock.fetch"].join(", ")} }`;
}

/** The runnable vitest file of the section (imports from the published package). */
export function testingExample(model: TestingReadmeModel): string {
  const { name, api } = model;
  const pkg = `@subscription-apis/${api.id}`;
  const op = pickOperation(model);
  const id = op.operationId;
  const aws = api.protocol === "aws-rest-json";
  const fromClient = new Set(clientParams(model).map((p) => p.name));
  const alternatives = new Set(op.alternatives?.map((a) => a.key));
  const callParams = op.params.filter(
    (p) => (p.required && !fromClient.has(p.name)) || (alternatives.delete(p.key) && exampleOf(model, op, p) !== undefined),
  );
  const input = obj(
    callParams.flatMap((p) =>
      p.name === "" ? Object.entries((exampleOf(model, op, p) as object) ?? {}) : [[p.key, exampleOf(model, op, p)]],
    ),
  );
  const success = op.success[0] ?? 200;
  const successExample = `${id}.responses.${success}.example`;
  const getsExample =
    successExample in model.examples
      ? `const { data } = await client.${id}(input);\n    expect(data).toEqual(examples[${js(successExample)}]);`
      : `const { error, response } = await client.${id}(input);\n    expect(error).toBeUndefined();\n    expect(response.status).toBe(${success});`;

  // A documented error: AWS by error code, else by status (its code is the typed error's `code`).
  const awsCode = aws
    ? (["ConflictException", "ResourceNotFoundException"].find((c) => op.errorCodes?.[c]) ?? Object.keys(op.errorCodes ?? {})[0])
    : undefined;
  const status = [404, 409, 400, 403].find((s) => op.errors[s]) ?? Number(Object.keys(op.errors).find((s) => s !== "default"));
  const scenario = awsCode ? `{ error: ${js(awsCode)} }` : `{ status: ${status} }`;
  const code = awsCode ?? op.errors[status]?.code;

  // A request the real API would reject: one input breaking its constraint, sent with the raw client (which,
  // unlike the operation methods, does not check inputs before sending).
  // Else one required input left out (an input the spec accepts in several places: left out of all of them).
  const bad = op.params.find((p) => p.name !== "" && violating(p) !== undefined);
  const omitted = bad
    ? undefined
    : (op.alternatives?.[0]?.key ?? op.params.find((p) => p.required && p.in !== "path" && p.name !== "")?.key);
  const raw: string[] = [];
  for (const where of ["path", "query", "header"]) {
    const ps = op.params.filter((p) => p.in === where && (p.required || p === bad) && p.key !== omitted);
    if (ps.length) raw.push(`${where}: ${obj(ps.map((p) => [p.name, p === bad ? violating(p) : exampleOf(model, op, p)]))}`);
  }
  const rawParams = raw.length ? `params: { ${raw.join(", ")} }` : "";
  const example = op.params.some((p) => p.in === "body")
    ? (model.examples[`${id}.requestBody.example`] as Record<string, unknown> | undefined)
    : undefined;
  const body =
    example &&
    Object.fromEntries(Object.entries(example).filter(([k]) => op.params.find((p) => p.in === "body" && p.name === k)?.key !== omitted));
  const cast = omitted !== undefined && example && Object.keys(body ?? {}).length < Object.keys(example).length;
  const rawBody =
    body === undefined
      ? ""
      : `body: ${js(bad?.in === "body" ? { ...body, [bad.name]: violating(bad) } : body)}${cast ? ` as never /* without ${omitted}: the types forbid it, the raw client sends it */` : ""}`;
  const rawArgs = [rawParams, rawBody].filter(Boolean).join(", ");
  const rejected = aws
    ? `expect(response.headers.get("x-amzn-errortype")).toBe("ValidationException");`
    : `expect(response.status).toBe(${[400, 422].find((s) => op.errors[s]) ?? 400});`;

  const breakable = bad !== undefined || omitted !== undefined;
  return `import { create${name}Client${breakable ? ", rawClient" : ""} } from "${pkg}";
import { create${name}Mock, examples } from "${pkg}/testing";
import { beforeEach, describe, expect, it } from "vitest";

const mock = create${name}Mock();
const client = create${name}Client(${clientOptions(model)});
const input = ${input} as const;

beforeEach(() => mock.reset());

describe("my code against a mocked ${api.title}", () => {
  it("gets the spec's example response", async () => {
    ${getsExample}
  });

  it("retries after 429 + Retry-After", async () => {
    mock.scenario(${js(id)}, { throttle: { retryAfter: 1 } });
    const { error } = await client.${id}(input);
    expect(error).toBeUndefined();
    expect(mock.requests.map((r) => r.status)).toEqual([429, ${success}]);
  });${
    code === undefined
      ? ""
      : `

  it("receives a documented error as a typed error", async () => {
    mock.scenario(${js(id)}, ${scenario});
    const { error } = await client.${id}(input);
    expect(error?.code).toBe(${js(code)});
  });`
  }${
    !breakable
      ? ""
      : `

  it("gets the vendor's validation error for a request the real API would reject", async () => {
    const { response } = await rawClient(client).${op.method.toUpperCase()}(${js(op.path)}, { ${rawArgs} });
    ${rejected}
    expect(mock.requests[0]?.rejected).toContain(${js(bad?.name ?? omitted)});
  });`
  }
});
`;
}

/** The body of the README's "Testing your code" section: how to use the mock, and the runnable example. */
export function renderTestingSection(model: TestingReadmeModel): string {
  const { name, api } = model;
  const aws = api.protocol === "aws-rest-json";
  return `\`@subscription-apis/${api.id}/testing\` mocks the API from its spec, so your tests run offline: every operation
answers with the spec's example, and a request the real API would reject (a missing or invalid input, wrong
credentials${aws ? ", a SigV4 signature that does not verify" : ""}) gets the vendor's documented error. Pass
\`mock.fetch\` as the client's \`fetch\`${aws ? " and the mock's fake `region` and `credentials`" : ""}, or, with [msw](https://mswjs.io) 2.x
installed, \`setupServer(...mock.handlers)\`.

- \`mock.scenario(operation, scenario)\`: \`"example"\` (default) or \`{ example: name }\`; a documented error
  \`{ status }\`${aws ? " or `{ error: code }`" : ""}; \`{ throttle: { retryAfter } }\` (429 + \`Retry-After\`);
  \`{ failTimes: n }\` (5xx, then success); \`"timeout"\`; \`"reset"\` (connection reset); \`"empty"\` or
  \`"truncated"\` (a broken 2xx body)${aws ? '; `"clockSkew"` (the service\'s clock is ahead: the client corrects and re-signs)' : ""}.
- \`mock.requests\`: every request received (operation, URL, headers, parsed body, why it was rejected, status).
- \`mock.reset()\`: back to the examples, the record emptied.

\`\`\`ts
${testingExample(model)}\`\`\`

(\`create${name}Mock\` checks what the operation methods also check before sending; the raw client sends as is.)
`;
}
