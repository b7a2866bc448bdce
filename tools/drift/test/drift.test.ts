import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { awsSpecIds, checkDrift, diffModels, globMatch, loadBotocoreModel, readDriftConfig, specModel } from "../src/index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const qbusinessModel = () => loadBotocoreModel(join(root, "specs", "aws-qbusiness", "model", "service-2.json.gz"));
const qbusinessDoc = () => JSON.parse(readFileSync(join(root, "packages", "aws-qbusiness", "dist", "openapi.json"), "utf8"));

describe("model drift: specs/aws-* against the models their drift-allowlist.yaml names", () => {
  it.each(awsSpecIds(root))("%s: compared with the botocore model committed beside it", (id) => {
    expect(readDriftConfig(join(root, "specs", id, "drift-allowlist.yaml")).models.length).toBeGreaterThan(0);
    expect(checkDrift(root, id).source).toMatch(/botocore 1\.43\.11/);
  });

  it("refuses a config without a model source, or a source of neither kind, naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "drift-"));
    try {
      const file = join(dir, "drift-allowlist.yaml");
      writeFileSync(file, "allow: []\n");
      expect(() => readDriftConfig(file)).toThrow(`${file}: \`models:\` lists no model source`);
      writeFileSync(file, "models:\n  - url: https://example.com\n");
      expect(() => readDriftConfig(file)).toThrow(/a model source is \{ botocore/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(awsSpecIds(root))("%s: no difference outside its drift-allowlist.yaml, and no stale entry", (id) => {
    const r = checkDrift(root, id);
    const lines = r.unexpected.map((d) => `${d.id}: ${d.detail}`);
    expect(lines, `fix specs/${id} or allowlist with a reason (model: ${r.source})`).toEqual([]);
    expect(r.stale.map((s) => s.id)).toEqual([]);
  });
});

describe("the botocore reader, on the committed Q Business model", () => {
  const model = qbusinessModel();

  it("reads HTTP bindings, members by location, required, enums, idempotency tokens and @throws", () => {
    const op = model.operations.CreateSubscription!;
    expect([op.method, op.uri, op.status]).toEqual(["post", "/applications/{applicationId}/subscriptions", 200]);
    expect(op.input["label:applicationId"]).toMatchObject({ kind: "string", required: true, min: 36, max: 36 });
    expect(op.input["body:type"]).toMatchObject({ required: true, enum: expect.arrayContaining(["Q_BUSINESS", "Q_LITE"]) });
    expect(op.input["body:principal"]?.members).toMatchObject({
      user: { kind: "string", required: false, min: 1, max: 47 },
      group: { kind: "string", required: false, min: 1, max: 47 },
    });
    expect(op.input["body:clientToken"]).toMatchObject({ token: true, required: false });
    expect(model.operations.ListSubscriptions!.input["query:maxResults"]).toEqual({ kind: "number", required: false, min: 1, max: 100 });
    expect(op.errors).toMatchObject({ ValidationException: 400, ThrottlingException: 429, InternalServerException: 500 });
    expect(model.errorShapes.ValidationException!.members["body:reason"]!.enum).toContain("FIELD_VALIDATION_FAILED");
  });
});

describe("the comparison", () => {
  const model = qbusinessModel();

  it("reports a changed binding, a missing member, a changed required, an enum, an idempotency token and an error difference", () => {
    const doc = qbusinessDoc();
    const collection = doc.paths["/applications/{applicationId}/subscriptions"];
    collection.patch = collection.post;
    delete collection.post;
    doc.paths["/applications/{applicationId}/subscriptions"].get.parameters.pop();
    doc.components.schemas.UpdateSubscriptionRequest.required = [];
    doc.components.schemas.SubscriptionType.enum = ["Q_LITE"];
    delete doc.paths["/applications/{applicationId}/subscriptions/{subscriptionId}"].delete.responses["429"];
    delete doc.components.schemas.CreateSubscriptionRequest.properties.clientToken["x-idempotency-token"];
    const ids = diffModels(specModel(doc), model, Object.keys(doc.paths)).map((d) => d.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "CreateSubscription: method",
        "ListSubscriptions input.query:maxResults: only in the model",
        "UpdateSubscription input.body:type: required",
        "UpdateSubscription input.body:type: enum",
        "CancelSubscription error ThrottlingException: only in the model",
        "CreateSubscription input.body:clientToken: idempotency token",
      ]),
    );
  });

  it("reports an operation of the model on a covered resource that the spec lacks", () => {
    const doc = qbusinessDoc();
    delete doc.paths["/applications/{applicationId}/subscriptions/{subscriptionId}"].put;
    const ids = diffModels(specModel(doc), model, Object.keys(doc.paths)).map((d) => d.id);
    expect(ids).toContain("UpdateSubscription: only in the model");
  });
});

describe("the allowlist", () => {
  it("matches an id exactly or with * for any run of characters", () => {
    expect(globMatch("CancelSubscription: method", "CancelSubscription: method")).toBe(true);
    expect(
      globMatch(
        "* error UnrecognizedClientException: only in the spec",
        "GetMembership error UnrecognizedClientException: only in the spec",
      ),
    ).toBe(true);
    expect(
      globMatch("* error UnrecognizedClientException: only in the spec", "GetMembership error ExpiredTokenException: only in the spec"),
    ).toBe(false);
    expect(globMatch("a.b", "axb")).toBe(false);
  });
});

describe("the botocore reader: lengths and patterns", () => {
  it("reads bindings, locations, required, enums, lengths, patterns and errors, and the comparison checks them", () => {
    // A hand-made model in botocore's service-2.json format, shaped like the Q Business spec's CancelSubscription.
    const model = {
      metadata: { serviceId: "Fixture", apiVersion: "2000-01-01" },
      operations: {
        CancelSubscription: {
          http: { method: "DELETE", requestUri: "/applications/{applicationId}/subscriptions/{subscriptionId}", responseCode: 200 },
          input: { shape: "CancelReq" },
          output: { shape: "CancelRes" },
          errors: [{ shape: "ThrottlingException" }],
        },
      },
      shapes: {
        CancelReq: {
          type: "structure",
          required: ["applicationId", "subscriptionId"],
          members: {
            applicationId: { shape: "AppId", location: "uri", locationName: "applicationId" },
            subscriptionId: { shape: "SubId", location: "uri", locationName: "subscriptionId" },
          },
        },
        CancelRes: { type: "structure", members: { currentSubscription: { shape: "Details" } } },
        Details: { type: "structure", members: { type: { shape: "Type" } } },
        Type: { type: "string", enum: ["Q_LITE", "Q_BUSINESS", "Q_NEW"] },
        AppId: { type: "string", min: 36, max: 36, pattern: "[a-zA-Z0-9][a-zA-Z0-9-]{35}" },
        SubId: { type: "string", min: 0, max: 99 },
        ThrottlingException: { type: "structure", exception: true, error: { httpStatusCode: 429 }, members: { message: { shape: "Msg" } } },
        Msg: { type: "string" },
      },
    };
    const dir = mkdtempSync(join(tmpdir(), "drift-"));
    try {
      writeFileSync(join(dir, "service-2.json"), JSON.stringify(model));
      const m = loadBotocoreModel(join(dir, "service-2.json"));
      const op = m.operations.CancelSubscription!;
      expect(op.input["label:applicationId"]).toEqual({
        kind: "string",
        required: true,
        min: 36,
        max: 36,
        pattern: "[a-zA-Z0-9][a-zA-Z0-9-]{35}",
      });
      expect(op.errors).toEqual({ ThrottlingException: 429 });
      const doc = qbusinessDoc();
      const spec = specModel(doc);
      const ids = diffModels({ operations: { CancelSubscription: spec.operations.CancelSubscription! }, errorShapes: {} }, m, []).map(
        (d) => d.id,
      );
      // Anchors (^…$) and a min of 0 are botocore's spelling of the same constraint: not differences.
      expect(ids).not.toContain("CancelSubscription input.label:applicationId: pattern");
      expect(ids).toEqual(
        expect.arrayContaining([
          "CancelSubscription input.label:subscriptionId: max",
          "CancelSubscription output.body:currentSubscription.type: enum",
          "CancelSubscription error AccessDeniedException: only in the spec",
        ]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
