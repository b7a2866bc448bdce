/**
 * The browser side of the attempt loop (`#platform`; Node gets platform.node.ts). Browsers hide a manual
 * redirect's Location (an `opaqueredirect`, never followed), their fetch errors carry no codes, and a Response
 * is cheap to build.
 */
export const failure = (_e: unknown): { code: string | undefined; notSent: boolean } => ({ code: undefined, notSent: false });

export const nextHop = (_raw: Response, _target: URL, _method: string): { url: URL; method: string } | undefined => undefined;

export const buffered = (text: string | Blob | null, raw: Response): Response => new Response(text, raw);
