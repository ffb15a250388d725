import type { AstroGlobal } from "astro";
import { hasAnyRole, type Role } from "../../domain/auth/roles.ts";
import { api } from "./api.ts";
import { href, langOf } from "./i18n.ts";

/**
 * The preamble of every signed-in page: the page is private and never stored; a visitor without a
 * session goes to /login and comes back to this URL afterwards (the Response to return); an account
 * without one of `roles` gets the page's 403 status (`allowed` false) so it can say why.
 * @example
 * const session = await signedIn(Astro, ["ops", "admin"]);
 * if (session instanceof Response) return session;
 * const { account, allowed, headers } = session;
 */
export async function signedIn(Astro: AstroGlobal, roles: readonly Role[] = []) {
  Astro.response.headers.set("cache-control", "private, no-store");
  const cookie = Astro.request.headers.get("cookie") ?? "";
  const me = cookie ? await api(Astro.locals).api.me.$get({}, { headers: { cookie } }) : null;
  if (me?.status !== 200) {
    return Astro.redirect(href("/login", langOf(Astro.url), { next: Astro.url.pathname + Astro.url.search }), 303);
  }
  const account = await me.json();
  const allowed = hasAnyRole(account.roles, roles);
  if (!allowed) Astro.response.status = 403;
  /** Request options that carry the session to the in-process API. */
  const headers = { headers: { cookie } };
  return { account, allowed, headers };
}
