// An HTTP client for tests that need no browser: signs in through Auth.js's own endpoints, keeps
// the session cookie, and invokes server actions exactly as the browser's React runtime does
// (the action id from the build's manifest in a `Next-Action` header, the arguments encoded by
// React's own `encodeReply`, the answer decoded by React's own Flight client).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { Readable } from "node:stream";

const require = createRequire(import.meta.url);
// Next ships the React Flight client it uses; the test talks the same protocol with the same code.
// Its production build, as the server is one: the development build throws outside any promise
// when a production answer carries an error row (e.g. the database went away mid-render).
const flight =
  require("next/dist/compiled/react-server-dom-webpack/cjs/react-server-dom-webpack-client.node.production.js") as {
    encodeReply(value: unknown): Promise<string | FormData>;
    createFromNodeStream(stream: Readable, manifest: unknown): PromiseLike<unknown>;
  };

export const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

export interface ServerAction {
  id: string;
  /** Source file, e.g. "app/(portal)/decisions/actions.ts". */
  file: string;
  name: string;
  /** Route entries whose pages can run it, e.g. "app/(portal)/decisions/page". */
  workers: string[];
}

/**
 * Every server action of the production build, from its server-reference manifest. Not the "use cache"
 * functions, which the manifest lists too (as `$$RSC_SERVER_CACHE_<n>`): cachedFunctions() below.
 */
export function serverActions(): ServerAction[] {
  return serverReferences().filter((a) => !isCachedFunction(a));
}

/** The "use cache" functions, which Next.js registers as server references as well. */
export function cachedFunctions(): ServerAction[] {
  return serverReferences().filter(isCachedFunction);
}

function isCachedFunction(a: ServerAction): boolean {
  return a.name.startsWith("$$RSC_SERVER_CACHE_");
}

function serverReferences(): ServerAction[] {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const file = path.join(dist, "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({
    id,
    file: a.filename,
    name: a.exportedName,
    workers: Object.keys(a.workers),
  }));
}

export function findAction(file: string, name: string): ServerAction {
  const found = serverActions().find((a) => a.file === file && a.name === name);
  if (!found) throw new Error(`no server action ${name} in ${file} in the build`);
  return found;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface ActionResponse {
  status: number;
  headers: Headers;
  /** What the action returned (decoded), or undefined when it redirected or failed. */
  result: unknown;
  /** Target of a redirect() inside the action, from Next's x-action-redirect header. */
  redirect: string | null;
  /** Why an answer that looked like a Flight stream could not be decoded, if it could not. */
  decodeError?: string;
}

// The answer also carries the re-rendered page, which names client components; a test never renders
// them, so every module id resolves to an inert reference that is never loaded.
const inertModules = new Proxy(
  {},
  { get: (_t, id) => new Proxy({}, { get: (_m, name) => ({ id: String(id), chunks: [], name: String(name) }) }) },
);

/** A cookie jar of one: the Auth.js session (and any other cookie the portal sets). */
export class PortalClient {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl = BASE_URL,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.extraHeaders)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    const res = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: "manual" });
    this.remember(res.headers);
    return res;
  }

  async get(pathname: string, init: RequestInit = {}): Promise<HttpResponse> {
    const res = await this.fetch(pathname, init);
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** Signs in through Auth.js's credentials callback, as the login form ends up doing. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrf = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, callbackUrl: "/" }).toString(),
    });
    await res.arrayBuffer();
    return [...this.cookies.keys()].some((k) => k.endsWith("authjs.session-token"));
  }

  /**
   * Invokes a server action by POSTing to a page that can run it, as React does in the browser.
   * `args` are the action's arguments (for form actions: previous state and a FormData).
   */
  async action(action: ServerAction, pagePath: string, args: unknown[]): Promise<ActionResponse> {
    const body = await flight.encodeReply(args);
    const headers: Record<string, string> = {
      accept: "text/x-component",
      "next-action": action.id,
      origin: this.baseUrl,
    };
    if (typeof body === "string") headers["content-type"] = "text/plain;charset=UTF-8";
    const res = await this.fetch(pagePath, { method: "POST", headers, body });
    const redirectHeader = res.headers.get("x-action-redirect");
    const redirect = redirectHeader ? redirectHeader.split(";")[0] : null;
    let result: unknown = undefined;
    let decodeError: string | undefined;
    const type = res.headers.get("content-type") ?? "";
    if (res.ok && type.includes("text/x-component") && res.body && !redirect) {
      try {
        const root = (await flight.createFromNodeStream(Readable.fromWeb(res.body as never), {
          moduleMap: inertModules,
          serverModuleMap: {},
          moduleLoading: { prefix: "", crossOrigin: null },
        })) as { a?: unknown };
        result = await root.a;
      } catch (e) {
        decodeError = e instanceof Error ? e.message : String(e);
      }
    } else {
      await res.arrayBuffer();
    }
    return { status: res.status, headers: res.headers, result, redirect, decodeError };
  }
}

/** A FormData from a plain record (arrays become repeated fields). */
export function formData(fields: Record<string, string | string[] | Blob>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const item of v) fd.append(k, item);
    else fd.append(k, v);
  }
  return fd;
}
