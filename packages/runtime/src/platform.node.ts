/**
 * The Node side of the attempt loop (`#platform`, conditional import): undici's error codes, same-origin redirects
 * (Node's fetch shows a manual redirect's Location; browsers hide it), and a lazily built Response (Node builds a
 * ReadableStream per Response, the costliest part of handing one back). Browsers get platform.browser.ts.
 */

/** Node/undici error codes that prove the request never reached the server: safe to retry any method. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** The error code of a failed fetch (on the error or its causes), and whether it proves nothing was sent. */
export function failure(e: unknown): { code: string | undefined; notSent: boolean } {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return { code, notSent: NOT_SENT.has(code) };
    cur = (cur as { cause?: unknown }).cause;
  }
  return { code: undefined, notSent: false };
}

/**
 * The next hop of a same-origin redirect, or undefined (not a redirect, no usable Location, another origin: then the
 * 3xx is handed back as an ApiError and credentials stay home). 303 (and 301/302 after a POST) become a GET.
 */
export function nextHop(raw: Response, target: URL, method: string): { url: URL; method: string } | undefined {
  const location = REDIRECT_STATUS.has(raw.status) ? raw.headers.get("location") : null;
  if (location === null) return undefined;
  let url: URL;
  try {
    url = new URL(location, target);
  } catch {
    return undefined;
  }
  if (url.origin !== target.origin) return undefined;
  const toGet = raw.status === 303 ? method !== "HEAD" : (raw.status === 301 || raw.status === 302) && method === "POST";
  return { url, method: toGet ? "GET" : method };
}

/**
 * The fully-buffered Response handed upward: its body stream (a ReadableStream, costly to build) is only created
 * when something reads it; until then the text is kept as is. It behaves as `new Response(text, init)`.
 */
class BufferedResponse extends Response {
  readonly #text: string | Blob | null;
  readonly #raw: Response;
  #headers: Headers | undefined;
  #inner: Response | undefined;
  constructor(text: string | Blob | null, raw: Response) {
    super(null, { status: raw.status, statusText: raw.statusText });
    this.#text = text;
    this.#raw = raw;
  }
  /** A copy of the received headers, made when first read (a success is usually returned without reading them). */
  override get headers(): Headers {
    return (this.#headers ??= new Headers(this.#raw.headers));
  }
  #full(): Response {
    return (this.#inner ??= new Response(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers }));
  }
  override get body(): Response["body"] {
    return this.#full().body;
  }
  override get bodyUsed(): boolean {
    return this.#inner?.bodyUsed ?? false;
  }
  override text() {
    return this.#full().text();
  }
  override json() {
    return this.#full().json();
  }
  override arrayBuffer() {
    return this.#full().arrayBuffer();
  }
  override blob() {
    return this.#full().blob();
  }
  override formData() {
    return this.#full().formData();
  }
  override bytes() {
    return this.#full().bytes();
  }
  override clone() {
    return this.#full().clone();
  }
}

/** The fully-buffered Response of an attempt. */
export const buffered = (text: string | Blob | null, raw: Response): Response => new BufferedResponse(text, raw);
