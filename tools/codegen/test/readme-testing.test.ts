/**
 * The README's "Testing your code" section, from hand-made API data: which operation, inputs, credentials, error and
 * broken input it shows. (The release round trip runs the rendered file of every real API against its mock.)
 */
import { describe, expect, it } from "vitest";
import { renderTestingSection, testingExample, type TestingReadmeModel } from "../src/index.js";

const tenant = { name: "X-Tenant", in: "header", key: "tenant", required: true, schema: { type: "string" } };

const http: TestingReadmeModel = {
  name: "Acme",
  api: {
    id: "acme",
    title: "Acme API",
    protocol: "http",
    securitySchemes: { oauth: { type: "oauth2" }, bearer: { type: "http", scheme: "bearer" } },
    operations: {
      getThing: {
        operationId: "getThing",
        method: "get",
        path: "/things/{id}",
        params: [{ name: "id", in: "path", key: "id", required: true }, tenant],
        success: [200],
        errors: { "404": { code: "NotFound" } },
      },
      cancelThing: {
        operationId: "cancelThing",
        method: "post",
        path: "/things/{id}/cancel",
        params: [
          { name: "id", in: "path", key: "id", required: true, schema: { type: "string", minLength: 1 } },
          tenant,
          { name: "count", in: "body", key: "count", required: true, schema: { type: "integer" } },
          { name: "mode", in: "body", key: "mode", required: false, schema: { type: "string", enum: ["a", "b"] } },
        ],
        success: [204],
        errors: { "400": { code: "BadRequest" }, "409": { code: "Conflict" }, default: { code: "UnknownError" } },
      },
    },
  },
  examples: {
    "cancelThing.parameters.path.id": "t-1",
    "cancelThing.parameters.header.X-Tenant": "acme.example",
    "cancelThing.requestBody.example": { count: 2, mode: "a" },
  },
};

describe("testingExample", () => {
  it("the cancel operation, a client-level header as a client option, a documented status, an integer broken", () => {
    const code = testingExample(http);
    // No success example (204): the status is checked instead.
    for (const line of [
      'import { createAcmeClient, rawClient } from "@subscription-apis/acme";',
      'import { createAcmeMock, examples } from "@subscription-apis/acme/testing";',
      'createAcmeClient({ token: "test-token", tenant: "acme.example", fetch: mock.fetch })',
      'const input = { id: "t-1", count: 2 } as const;',
      "expect(response.status).toBe(204);",
      "toEqual([429, 204])",
      'mock.scenario("cancelThing", { status: 409 });',
      'expect(error?.code).toBe("Conflict");',
      'rawClient(client).POST("/things/{id}/cancel", { params: { path: { id: "t-1" }, header: { "X-Tenant": "acme.example" } }, body: {"count":1.5,"mode":"a"} });',
      "expect(response.status).toBe(400);",
      'toContain("count")',
    ])
      expect(code).toContain(line);
  });

  it("AWS: the mock's region and keys, an error code, a pattern broken, ValidationException", () => {
    const aws: TestingReadmeModel = {
      name: "AwsWidgets",
      examples: { "cancelWidget.parameters.path.widgetId": "w-0123456789", "cancelWidget.responses.200.example": { ok: true } },
      api: {
        id: "aws-widgets",
        title: "Widgets",
        protocol: "aws-rest-json",
        securitySchemes: { sigv4: { type: "apiKey", signingName: "widgets" } },
        operations: {
          cancelWidget: {
            operationId: "cancelWidget",
            method: "put",
            path: "/widgets/{widgetId}",
            params: [
              { name: "widgetId", in: "path", key: "widgetId", required: true, schema: { type: "string", pattern: "^w-[0-9]{10}$" } },
            ],
            success: [200],
            errors: { "400": { code: "BadRequest" } },
            errorCodes: { ValidationException: { status: 400 }, ResourceNotFoundException: { status: 404 } },
          },
        },
      },
    };
    const code = testingExample(aws);
    for (const line of [
      "createAwsWidgetsClient({ region: mock.region, credentials: mock.credentials, fetch: mock.fetch })",
      'expect(data).toEqual(examples["cancelWidget.responses.200.example"]);',
      'mock.scenario("cancelWidget", { error: "ResourceNotFoundException" });',
      'PUT("/widgets/{widgetId}", { params: { path: { widgetId: "!" } } })',
      'expect(response.headers.get("x-amzn-errortype")).toBe("ValidationException");',
    ])
      expect(code).toContain(line);
    const section = renderTestingSection(aws);
    expect(section.startsWith("`@subscription-apis/aws-widgets/testing` mocks the API")).toBe(true);
    expect(section).toContain('`"clockSkew"`');
    expect(section).toContain(`\`\`\`ts\n${code}\`\`\``);
    expect(renderTestingSection(http)).not.toContain("clockSkew");
  });

  it("an input accepted in several places is left out of all of them when nothing else can be broken", () => {
    const op = http.api.operations.cancelThing!;
    const alt: TestingReadmeModel = {
      ...http,
      api: {
        ...http.api,
        operations: {
          cancelThing: {
            ...op,
            params: [op.params[0]!, tenant, { name: "ref", in: "body", key: "ref", required: false, schema: { type: "string" } }],
            alternatives: [{ key: "ref" }],
          },
        },
      },
      examples: { ...http.examples, "cancelThing.requestBody.example": { ref: "r-1" } },
    };
    const code = testingExample(alt);
    expect(code).toContain('const input = { id: "t-1", ref: "r-1" } as const;');
    expect(code).toContain("body: {} as never /* without ref: the types forbid it, the raw client sends it */");
    expect(code).toContain('toContain("ref")');
  });

  it("an operation with nothing to break, and no documented error, leaves those cases out", () => {
    const bare: TestingReadmeModel = {
      ...http,
      api: { ...http.api, operations: { getThing: { ...http.api.operations.getThing!, params: [], errors: {} } } },
    };
    const code = testingExample(bare);
    expect(code).toContain("gets the spec's example response");
    expect(code).not.toContain("rawClient");
    expect(code).not.toContain("a documented error");
  });
});
