// The spec-driven conformance suite (tools/test-kit/src/conformance.ts) on this package's generated api, examples and descriptor.
import { describeApi } from "@subscription-apis/test-kit/conformance";

await describeApi(new URL("..", import.meta.url));
