import { describeApi } from "@subscription-apis/test-kit/conformance";
import { expect } from "vitest";
import { examples } from "../dist/generated/examples.js";
import { api, createFusebillClient } from "../dist/index.js";

// Fusebill issues the key already base64-encoded: it is sent verbatim after `Basic `, never re-encoded.
const apiKey = "MDpmdXNlYmlsbC10ZXN0LWtleQ==";
describeApi({
  api,
  examples,
  client: (baseUrl) => createFusebillClient({ apiKey, baseUrl, retry: { maxAttempts: 1 } }),
  auth: (req) => expect(req.headers.authorization).toBe(`Basic ${apiKey}`),
});
