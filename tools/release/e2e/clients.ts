/**
 * The per-API part of the release round trip (release-roundtrip.test.ts): how to run each README usage example
 * (its documented environment variables/arguments, expected output and auth; hand-written until the package READMEs
 * are generated from the specs with one convention), and the smoke consumer, derived from the specs (no per-API entry).
 */
import { type DocsApi, exampleInput, fakeClientOptions, readSpec } from "@subscription-apis/docs";
import { exampleOf, type OpenApiDoc } from "../src/mock-api.js";

/** This file, for the messages of the completeness checks. */
export const CLIENTS_FILE = "tools/release/e2e/clients.ts";

export interface Harness {
  argv: string[];
  env: Record<string, string>;
  operationId: string;
  /** What the example prints on the success path (the local server answers with the spec's 2xx example). */
  success: RegExp;
  auth: RegExp;
}

const AWS_ENV = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};

/** How to run each README example: its documented environment variables/arguments, values from the spec's examples. */
export const README_HARNESSES: Record<string, (doc: OpenApiDoc, base: string) => Harness> = {
  mayar: (doc, base) => {
    const ex = (op: string, name: string) => String(exampleOf(doc, op, name));
    return {
      argv: [],
      env: {
        MAYAR_API_KEY: "test-key",
        MAYAR_MEMBER_ID: ex("cancelMembershipMember", "memberId"),
        MAYAR_PRODUCT_ID: ex("cancelMembershipMember", "productId"),
        MAYAR_BASE_URL: base,
      },
      operationId: "cancelMembershipMember",
      success: /^cancelled /m,
      auth: /^Bearer test-key$/,
    };
  },
  fusebill: (doc, base) => {
    const ex = (op: string, name: string) => String(exampleOf(doc, op, name));
    return {
      argv: [],
      env: {
        FUSEBILL_API_KEY: "dGVzdC1rZXk=",
        FUSEBILL_SUBSCRIPTION_ID: ex("cancelSubscription", "subscriptionId"),
        FUSEBILL_BASE_URL: base,
      },
      operationId: "cancelSubscription",
      success: /^subscription \d+ is now /m,
      auth: /^Basic dGVzdC1rZXk=$/,
    };
  },
  cloudcockpit: (doc, base) => {
    const ex = (op: string, name: string) => String(exampleOf(doc, op, name));
    return {
      argv: [],
      env: {
        CLOUDCOCKPIT_TENANT: ex("cancelCustomerSubscription", "X-Tenant"),
        CLOUDCOCKPIT_CUSTOMER_ID: ex("cancelCustomerSubscription", "customerId"),
        CLOUDCOCKPIT_SUBSCRIPTION_ID: ex("cancelCustomerSubscription", "subscriptionId"),
        CLOUDCOCKPIT_TOKEN: "test-token",
        CLOUDCOCKPIT_BASE_URL: base,
      },
      operationId: "cancelCustomerSubscription",
      success: /^cancellation accepted/m,
      auth: /^Bearer test-token$/,
    };
  },
  "aws-qbusiness": (doc, base) => {
    const ex = (op: string, name: string) => String(exampleOf(doc, op, name));
    return {
      argv: [ex("cancelSubscription", "applicationId"), ex("cancelSubscription", "subscriptionId")],
      env: { ...AWS_ENV, AWS_QBUSINESS_ENDPOINT: base },
      operationId: "cancelSubscription",
      success: /^Cancelled /m,
      auth: /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/qbusiness\/aws4_request/,
    };
  },
  "aws-security-ir": (doc, base) => {
    const ex = (op: string, name: string) => String(exampleOf(doc, op, name));
    return {
      argv: [ex("cancelMembership", "membershipId")],
      env: { ...AWS_ENV, AWS_SECURITY_IR_ENDPOINT: base },
      operationId: "cancelMembership",
      success: /^Cancelled membership /m,
      auth: /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/security-ir\/aws4_request/,
    };
  },
};

export function harness(id: string, doc: OpenApiDoc, base: string): Harness {
  const h = README_HARNESSES[id];
  if (!h) throw new Error(`no harness for the README example of ${id}: add one to README_HARNESSES in ${CLIENTS_FILE}`);
  return h(doc, base);
}

/**
 * A consumer written here (not by the package authors), as TypeScript source: each API's client built like the docs'
 * TypeScript sample (fake credentials, `baseUrl` = `<base>/<id>` of the mock server), then every operation called
 * with the spec's example input. It prints `{ "<id> <operationId>": { ok, status } }`, `ok` = no error.
 */
export function smokeConsumer(apis: readonly DocsApi[]): string {
  const head: string[] = [];
  const body: string[] = [];
  apis.forEach((api, i) => {
    const spec = readSpec(api);
    head.push(`import { ${api.factory.name} } from "${api.packageName}";`);
    const { options } = fakeClientOptions(api, spec);
    body.push(`const c${i} = ${api.factory.name}({ ...${JSON.stringify(options)}, baseUrl: \`\${base}/${api.id}\` });`);
    for (const op of Object.values(api.api.operations)) {
      const input = JSON.stringify(exampleInput(api, spec, op));
      body.push(`out[${JSON.stringify(`${api.id} ${op.operationId}`)}] = result(await c${i}.${op.operationId}(${input}));`);
    }
  });
  return `${head.join("\n")}
import { ApiError } from "@subscription-apis/runtime";

const base = process.argv[2] ?? "";
const out: Record<string, { ok: boolean; status: number }> = {};
const result = (r: { error?: unknown; response: Response }) => ({ ok: r.error === undefined, status: r.response.status });

${body.join("\n")}

// The clients' errors are instances of the runtime's error classes.
if (typeof ApiError !== "function") throw new Error("ApiError is not exported by @subscription-apis/runtime");
console.log(JSON.stringify(out));
`;
}
