import { describeApi } from "@subscription-apis/test-kit/conformance";
import { expect } from "vitest";
import { examples } from "../dist/generated/examples.js";
import { api, createMayarClient } from "../dist/index.js";

const apiKey = "mayar-test-key-6f0e2b9c41d8a7e3";
describeApi({
  api,
  examples,
  client: (baseUrl) => createMayarClient({ apiKey, baseUrl, retry: { maxAttempts: 1 } }),
  auth: (req) => expect(req.headers.authorization).toBe(`Bearer ${apiKey}`),
});
