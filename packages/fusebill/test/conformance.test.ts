import { describeApi } from "@subscription-apis/test-kit/conformance";
import { createFusebillClient } from "../dist/index.js";

// Fusebill issues the key already base64-encoded: it is sent verbatim after `Basic `, never re-encoded.
const apiKey = "MDpmdXNlYmlsbC10ZXN0LWtleQ==";
const client = (baseUrl: string) => createFusebillClient({ apiKey, baseUrl, retry: { maxAttempts: 1 } });
await describeApi(new URL("..", import.meta.url), client, (req) => req.headers.authorization === `Basic ${apiKey}`);
