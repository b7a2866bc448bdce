import { describeApi } from "@subscription-apis/test-kit/conformance";
import { expect } from "vitest";
import { examples } from "../dist/generated/examples.js";
import { api, createCloudCockpitClient } from "../dist/index.js";

const token = "eyJhbGciOiJSUzI1NiJ9.cloudcockpit-test-token.c2ln";
describeApi({
  api,
  examples,
  client: (baseUrl) => createCloudCockpitClient({ token, tenant: "contoso.example", baseUrl, retry: { maxAttempts: 1 } }),
  auth: (req) => expect(req.headers.authorization).toBe(`Bearer ${token}`),
});
