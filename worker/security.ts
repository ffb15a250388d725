/**
 * Security headers for every response, pages and API alike. No inline scripts or styles are
 * allowed, so an injected `<script>` cannot run; the store loads nothing from third parties.
 */
const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  "default-src": "'self'",
  "script-src": "'self'",
  "style-src": "'self'",
  "img-src": "'self' data: blob:",
  "font-src": "'self'",
  "connect-src": "'self'",
  "worker-src": "'self' blob:",
  "object-src": "'none'",
  "base-uri": "'self'",
  "form-action": "'self'",
  "frame-ancestors": "'none'",
};

/**
 * The Content-Security-Policy header value, with some directives replaced.
 * @example contentSecurityPolicy({ "style-src": "'self' 'unsafe-inline'" })
 */
export function contentSecurityPolicy(overrides: Record<string, string> = {}): string {
  return Object.entries({ ...CSP_DIRECTIVES, ...overrides })
    .map(([directive, value]) => `${directive} ${value}`)
    .join("; ");
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": contentSecurityPolicy(),
  "strict-transport-security": "max-age=63072000; includeSubDomains; preload",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(self), geolocation=(self), microphone=(), payment=(self), xr-spatial-tracking=(self)",
  "cross-origin-opener-policy": "same-origin",
};

/** Returns the response with the security headers set (copying it when its headers are immutable). */
export function withSecurityHeaders(response: Response): Response {
  const copy = new Response(response.body, response);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) copy.headers.set(name, value);
  return copy;
}
