/**
 * `src/generated/testing.ts` of a client package: the runtime's mock engine (`@subscription-apis/runtime/testing`)
 * bound to the package's generated `api` and `examples`, published as `@subscription-apis/<id>/testing`.
 */
import { header } from "./emit.js";

export function emitTesting(id: string, name: string, specPath: string): string {
  return `${header(id, specPath)}
import { createMock, type Mock, type MockOptions } from "@subscription-apis/runtime/testing";
import { api } from "./api.js";
import { examples } from "./examples.js";

export type { MockOptions, MockRequest, Scenario } from "@subscription-apis/runtime/testing";
export { examples };

/** The mock of ${api(id)}: \`create${name}Mock()\` (a fresh one per test, or \`mock.reset()\`). */
export type ${name}Mock = Mock<typeof api>;

/**
 * A mock of the API for your tests, from its spec: every operation answers its example; \`mock.scenario(op, …)\`
 * switches one to a documented error, 429 + Retry-After, 5xx then success, a timeout, a reset or a bad body;
 * requests the real API would reject get its documented error. Pass \`mock.fetch\` as the client's \`fetch\`
 * (or \`setupServer(...mock.handlers)\` with msw 2.x); \`mock.requests\` records what was sent.
 */
export function create${name}Mock(options?: MockOptions): ${name}Mock {
  return createMock(api, examples, options);
}
`;
}

const api = (id: string) => `\`@subscription-apis/${id}\``;
