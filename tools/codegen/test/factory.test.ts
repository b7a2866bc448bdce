/** clientModel on small inline documents: which security schemes become which client options, and what it refuses. */
import { describe, expect, it } from "vitest";
import { SpecError } from "../src/bundle.js";
import { emitApi } from "../src/emit.js";
import { clientModel, emitClient } from "../src/factory.js";
import { buildSurface } from "../src/surface.js";

function doc(schemes: Record<string, unknown>, security: unknown[], extra: Record<string, unknown> = {}) {
  return {
    openapi: "3.1.0",
    info: { title: "Acme API", version: "1" },
    servers: [{ url: "https://acme.test", "x-environment": "production" }],
    security,
    paths: {
      "/x/{id}": {
        delete: {
          operationId: "cancelThing",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "OK" } },
        },
      },
    },
    components: { securitySchemes: schemes },
    ...extra,
  };
}
const model = (d: Record<string, any>) => clientModel(d, buildSurface(d, "acme-pay"));
const refusal = (d: Record<string, any>) => {
  try {
    model(d);
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return { message: (e as SpecError).message, pointer: (e as SpecError).pointer };
  }
  throw new Error("accepted");
};

describe("security schemes -> client options", () => {
  it("names the factory from the id, or x-client-name", () => {
    const d = doc({ k: { type: "http", scheme: "bearer" } }, [{ k: [] }]);
    expect(model(d).name).toBe("AcmePay");
    expect(model({ ...d, "x-client-name": "ACMEPay" }).name).toBe("ACMEPay");
    expect(refusal({ ...d, "x-client-name": "acme" }).pointer).toBe("#/x-client-name");
  });

  it("reads each supported scheme with its default option name, or x-client-option", () => {
    const d = doc(
      {
        bearer: { type: "http", scheme: "bearer" },
        key: { type: "apiKey", in: "header", name: "Authorization", "x-auth-prefix": "Basic ", "x-client-option": "secretKey" },
        q: { type: "apiKey", in: "query", name: "api_key", "x-client-option": { name: "queryKey", description: "From the dashboard." } },
        basic: { type: "http", scheme: "basic" },
        cc: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://login.test/token", scopes: { a: "", b: "" } } } },
      },
      [{ cc: ["b"] }, { bearer: [] }, { key: [] }, { q: [] }, { basic: [] }],
    );
    const m = model(d);
    // Static credentials first (the "exactly one of" error names the first), then the OAuth2 flow.
    expect(m.alternatives.map((a) => a.kind)).toEqual(["bearer", "apiKey", "apiKey", "basic", "oauth2"]);
    expect(m.alternatives).toContainEqual({
      kind: "oauth2",
      scheme: "cc",
      option: "clientCredentials",
      tokenUrl: "https://login.test/token",
      scope: "b",
    });
    expect(m.alternatives).toContainEqual({
      kind: "apiKey",
      scheme: "key",
      option: "secretKey",
      in: "header",
      param: "Authorization",
      prefix: "Basic ",
    });
    expect(m.alternatives).toContainEqual({
      kind: "apiKey",
      scheme: "q",
      option: "queryKey",
      in: "query",
      param: "api_key",
      prefix: "",
      description: "From the dashboard.",
    });
    const code = emitClient(m, buildSurface(d, "acme-pay"), "specs/acme-pay/openapi.yaml");
    expect(code).toContain('"pass exactly one of `token`, `secretKey`, `queryKey`, `username` or `clientCredentials`"');
    expect(code).toContain('queryAuth("api_key", queryKey!, "queryKey")');
    expect(code).toContain("basicAuth(username!, password!)");
    expect(code).toContain("export function acmePayTokenProvider(credentials: AcmePayClientCredentials)");
  });

  it("client-level parameters: an option sent on every call, or a generated UUID", () => {
    const d = doc({ k: { type: "http", scheme: "bearer" } }, [{ k: [] }]);
    d.paths["/x/{id}"].delete.parameters.push(
      {
        name: "X-Tenant",
        in: "header",
        required: true,
        schema: { type: "string" },
        "x-client-parameter": { option: "tenant", required: true },
      } as never,
      { name: "X-Request-Id", in: "header", schema: { type: "string" }, "x-client-parameter": { default: "uuid" } } as never,
    );
    expect(model(d).params).toEqual([
      { key: "tenant", name: "X-Tenant", in: "header", option: { name: "tenant", required: true, type: "string" } },
      { key: "requestId", name: "X-Request-Id", in: "header", default: "uuid" },
    ]);
    const code = emitClient(model(d), buildSurface(d, "acme-pay"), "s");
    expect(code).toContain("paramDefaults: { tenant, requestId: () => globalThis.crypto.randomUUID() }");
    expect(code).toContain('type ClientDefaults = "tenant" | "requestId";');
    // Optional in the per-call input (the call may override the client's value), still required on the wire.
    const api = emitApi(buildSurface(d, "acme-pay"), "s");
    expect(api.match(/^ {2}(tenant|requestId|id)\??:/gm)).toEqual(["  id:", "  tenant?:", "  requestId?:"]);
    expect(api).toContain('"key": "tenant",\n      "required": true');
  });
});

describe("refused, with the place to fix", () => {
  it.each([
    [
      { c: { type: "apiKey", in: "cookie", name: "sid" } },
      [{ c: [] }],
      /apiKey in a cookie is not supported/,
      "#/components/securitySchemes/c",
    ],
    [
      { d: { type: "http", scheme: "digest" } },
      [{ d: [] }],
      /security scheme "d" \(type http, scheme digest\) cannot be built/,
      "#/components/securitySchemes/d",
    ],
    [{ o: { type: "openIdConnect", openIdConnectUrl: "https://x" } }, [{ o: [] }], /cannot be built/, "#/components/securitySchemes/o"],
    [
      { a: { type: "oauth2", flows: { authorizationCode: { authorizationUrl: "https://x", tokenUrl: "https://x", scopes: {} } } } },
      [{ a: [] }],
      /oauth2 flows other than clientCredentials \(authorizationCode\)/,
      "#/components/securitySchemes/a",
    ],
    [
      { a: { type: "http", scheme: "bearer" }, b: { type: "apiKey", in: "header", name: "X-Key" } },
      [{ a: [], b: [] }],
      /several schemes \(a AND b\)/,
      "#/security/0",
    ],
    [{ a: { type: "http", scheme: "bearer" } }, [{}], /anonymous access/, "#/security/0"],
    [
      { a: { type: "http", scheme: "bearer" }, b: { type: "http", scheme: "bearer" } },
      [{ a: [] }, { b: [] }],
      /two security alternatives use the client option "token"/,
      "#/security",
    ],
    [
      { a: { type: "http", scheme: "bearer", "x-client-option": "baseUrl" } },
      [{ a: [] }],
      /"baseUrl" is already a client option/,
      "#/components/securitySchemes/a/x-client-option",
    ],
    [{ a: { type: "http", scheme: "bearer" } }, [], /declares no top-level security/, "#/security"],
  ])("%#: %s", (schemes, security, message, pointer) => {
    const r = refusal(doc(schemes as never, security));
    expect(r.message).toMatch(message);
    expect(r.pointer).toBe(pointer);
  });
});
