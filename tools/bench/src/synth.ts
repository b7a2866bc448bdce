/**
 * Synthetic APIs for the pipeline-scale benchmark: each is scaffolded with the project's own `new-api`
 * (tools/codegen's scaffoldApi: spec folder, package, redocly.yaml entry), then its spec folder is replaced by a
 * copy of a real one (the first API of redocly.yaml), so that N synthetic APIs cost what N real ones would.
 */
import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

export const synthId = (i: number) => `synth-${String(i).padStart(3, "0")}`;

/** Replace the scaffolded spec folder of `id` (under `root`) with a copy of the spec folder of `sourceSpec`. */
export function writeSynthSpec(root: string, id: string, sourceSpec: string): void {
  const specDir = join(root, "specs", id);
  rmSync(specDir, { recursive: true, force: true });
  cpSync(dirname(sourceSpec), specDir, { recursive: true });
}

/**
 * An in-memory (already bundled) spec of `n` operations, shaped like the real cancel operations: a validated
 * path parameter, an optional header, a JSON body and the documented error envelopes. For the bundle section's
 * "flat as operations are added" measurement (the generated api.ts of 1 and of 10 operations).
 */
export function synthOpsDoc(n: number): Record<string, unknown> {
  const envelope = { $ref: "#/components/schemas/ErrorResponse" };
  const error = (description: string) => ({ description, content: { "application/json": { schema: envelope } } });
  const paths: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    paths[`/subscriptions/{subscriptionId}/action-${i}`] = {
      post: {
        operationId: `subscriptionAction${i}`,
        summary: `Subscription action ${i}`,
        description: `Applies action ${i} to a subscription.`,
        parameters: [
          { name: "subscriptionId", in: "path", required: true, schema: { type: "string", pattern: "^sub_[A-Za-z0-9]{1,32}$" } },
          { name: "X-Request-Id", in: "header", required: false, schema: { type: "string", maxLength: 64 } },
        ],
        requestBody: {
          required: false,
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { reason: { type: "string", maxLength: 200 }, quantity: { type: "integer", minimum: 1, maximum: 1000 } },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "The subscription.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Subscription" } } },
          },
          "400": error("Invalid request."),
          "401": error("Missing or invalid API key."),
          "404": error("No such subscription."),
          "409": error("The subscription's state does not allow this action."),
          "429": error("Rate limited."),
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Synthetic Operations API", version: "0.1.0" },
    servers: [{ url: "https://api.synth.invalid/v1", "x-environment": "production" }],
    security: [{ bearerApiKey: [] }],
    paths,
    components: {
      securitySchemes: { bearerApiKey: { type: "http", scheme: "bearer" } },
      schemas: {
        Subscription: {
          type: "object",
          properties: { id: { type: "string" }, status: { type: "string" } },
          required: ["id", "status"],
        },
        ErrorResponse: {
          type: "object",
          properties: { code: { type: "string" }, message: { type: "string" } },
          required: ["code", "message"],
        },
      },
    },
  };
}
