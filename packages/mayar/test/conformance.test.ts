import { describeApi } from "@subscription-apis/test-kit/conformance";
import { createMayarClient } from "../dist/index.js";

const apiKey = "mayar-test-key-6f0e2b9c41d8a7e3";
const client = (baseUrl: string) => createMayarClient({ apiKey, baseUrl, retry: { maxAttempts: 1 } });
await describeApi(new URL("..", import.meta.url), client, (req) => req.headers.authorization === `Bearer ${apiKey}`);
