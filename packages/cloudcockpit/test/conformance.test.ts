import { describeApi } from "@subscription-apis/test-kit/conformance";
import { createCloudCockpitClient } from "../dist/index.js";

const token = "eyJhbGciOiJSUzI1NiJ9.cloudcockpit-test-token.c2ln";
const client = (baseUrl: string) => createCloudCockpitClient({ token, tenant: "contoso.example", baseUrl, retry: { maxAttempts: 1 } });
await describeApi(new URL("..", import.meta.url), client, (req) => req.headers.authorization === `Bearer ${token}`);
