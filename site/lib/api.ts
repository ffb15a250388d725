import { env } from "cloudflare:workers";
import { hc } from "hono/client";
import { type AppType, app } from "../../worker/app.ts";

/**
 * The typed API client for pages: calls the Hono app in-process (no HTTP subrequest), so pages and
 * API share one code path, one validation and one error envelope.
 * @example const models = await (await api(Astro.locals).api.models.$get({ query: {} })).json();
 */
export function api(locals: App.Locals) {
  return hc<AppType>("http://in-process.local", {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(input, init, env, locals.cfContext),
  });
}

/** The body of a successful API response; an error response throws, and Astro renders a 500 page. */
export { parseResponse as ok } from "hono/client";
