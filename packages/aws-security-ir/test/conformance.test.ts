// The spec-driven conformance suite (tools/test-kit/src/conformance.ts) on this package's generated api, examples and descriptor.
import { describeApi, type TypeMismatches } from "@subscription-apis/test-kit/conformance";
import { expectTypeOf } from "vitest";
import type { api, Operations } from "../dist/index.js";

await describeApi(new URL("..", import.meta.url));
// For the typecheck: every method's typed error codes (and their statuses) and input keys are the documented ones.
expectTypeOf<TypeMismatches<typeof api, Operations>>().toEqualTypeOf<never>();
