/**
 * The per-API part of the release round trip (release-roundtrip.test.ts), one entry per API of redocly.yaml:
 * how to run its README usage example (documented environment variables/arguments, expected output and auth) and
 * how a consumer written here (not by the package authors) calls its factory. Both need the API's real auth
 * options and operation, so they are written by hand; `test/coverage.test.ts` fails, naming the API and this
 * file, when an API registered in redocly.yaml has no entry (the round trip itself would only fail after a
 * two-minute publish).
 */
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
 * One factory + its operation per API, as TypeScript source of the smoke consumer: `imports` at the top, `code`
 * in the body (with `base`, `credentials` and `out` in scope); it sets `out[<id>]` to `{ ok, status }`, `ok` being
 * a typed check of the documented success. `ex(op, name)` is the spec's example of a parameter, as a literal.
 */
export interface SmokeCase {
  imports: string;
  code(ex: (op: string, name: string) => string): string;
}

export const SMOKE_CASES: Record<string, SmokeCase> = {
  mayar: {
    imports: `import { createMayarClient } from "@subscription-apis/mayar";`,
    code: (ex) => `const mayar = await createMayarClient({ apiKey: "k", baseUrl: \`\${base}/mayar\` }).cancelMembershipMember({
  memberId: ${ex("cancelMembershipMember", "memberId")},
  productId: ${ex("cancelMembershipMember", "productId")},
});
out.mayar = { ok: !mayar.error && typeof mayar.data.data.membershipCustomer.status === "string", status: mayar.response.status };`,
  },
  fusebill: {
    imports: `import { createFusebillClient } from "@subscription-apis/fusebill";`,
    code: (ex) => `const fusebill = await createFusebillClient({ apiKey: "k", baseUrl: \`\${base}/fusebill\` }).cancelSubscription({
  subscriptionId: ${ex("cancelSubscription", "subscriptionId")},
  cancellationOption: "None",
});
out.fusebill = { ok: !fusebill.error && typeof fusebill.data.id === "number", status: fusebill.response.status };`,
  },
  cloudcockpit: {
    imports: `import { createCloudCockpitClient } from "@subscription-apis/cloudcockpit";`,
    code: (ex) => `const tenant = ${ex("cancelCustomerSubscription", "X-Tenant")};
const cloudcockpit = await createCloudCockpitClient({ token: "t", tenant, baseUrl: \`\${base}/cloudcockpit\` }).cancelCustomerSubscription({
  customerId: ${ex("cancelCustomerSubscription", "customerId")},
  subscriptionId: ${ex("cancelCustomerSubscription", "subscriptionId")},
  tenant,
});
out.cloudcockpit = { ok: !cloudcockpit.error && cloudcockpit.response.status === 202, status: cloudcockpit.response.status };`,
  },
  "aws-qbusiness": {
    imports: `import { createAwsQBusinessClient } from "@subscription-apis/aws-qbusiness";`,
    code: (
      ex,
    ) => `const qbusiness = await createAwsQBusinessClient({ region: "us-east-1", credentials, baseUrl: \`\${base}/aws-qbusiness\` }).cancelSubscription({
  applicationId: ${ex("cancelSubscription", "applicationId")},
  subscriptionId: ${ex("cancelSubscription", "subscriptionId")},
});
out["aws-qbusiness"] = { ok: !qbusiness.error && typeof qbusiness.data.subscriptionArn === "string", status: qbusiness.response.status };`,
  },
  "aws-security-ir": {
    imports: `import { createAwsSecurityIrClient } from "@subscription-apis/aws-security-ir";`,
    code: (
      ex,
    ) => `const securityIr = await createAwsSecurityIrClient({ region: "us-east-1", credentials, baseUrl: \`\${base}/aws-security-ir\` }).cancelMembership({
  membershipId: ${ex("cancelMembership", "membershipId")},
});
out["aws-security-ir"] = { ok: !securityIr.error && typeof securityIr.data.membershipId === "string", status: securityIr.response.status };`,
  },
};

/** A consumer written here (not by the package authors): every factory + its operation, typed, against the server. */
export function smokeConsumer(docs: Record<string, OpenApiDoc>): string {
  const ids = Object.keys(docs).sort();
  const missing = ids.filter((id) => !SMOKE_CASES[id]);
  if (missing.length) throw new Error(`no smoke-consumer case for ${missing.join(", ")}: add one to SMOKE_CASES in ${CLIENTS_FILE}`);
  const cases = ids.map((id) => ({ id, c: SMOKE_CASES[id]! }));
  return `${cases.map(({ c }) => c.imports).join("\n")}
import { ApiError } from "@subscription-apis/runtime";

const base = process.argv[2] ?? "";
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const out: Record<string, { ok: boolean; status: number }> = {};

${cases.map(({ id, c }) => c.code((op, name) => JSON.stringify(exampleOf(docs[id]!, op, name)))).join("\n\n")}

// The clients' errors are instances of the runtime's error classes.
if (typeof ApiError !== "function") throw new Error("ApiError is not exported by @subscription-apis/runtime");
console.log(JSON.stringify(out));
`;
}

/** The registered APIs (ids) with no README harness or no smoke case: `[id, what is missing][]`. */
export function missingClients(ids: readonly string[]): [id: string, missing: string][] {
  const out: [string, string][] = [];
  for (const id of ids) {
    if (!README_HARNESSES[id]) out.push([id, "README_HARNESSES"]);
    if (!SMOKE_CASES[id]) out.push([id, "SMOKE_CASES"]);
  }
  return out;
}
