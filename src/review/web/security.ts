import type { Context, MiddlewareHandler } from "hono";

/**
 * The one policy of every response: nothing but this origin's stylesheet and images loads, no
 * script runs (there is none), forms post only here, and no one can frame the page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

/** Security headers on every response (pages, errors and the stylesheet). */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    // Not no-referrer: under it, browsers send `Origin: null` on form POSTs, which sameOrigin refuses.
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    headers.set("Cache-Control", "no-store");
  };
}

/**
 * Whether a state-changing request may come from this page: an `Origin` (sent by browsers on
 * every form POST) must be this server's, and `Sec-Fetch-Site`, when sent, same-origin. The
 * CSRF token is checked besides, by the route.
 */
export function sameOrigin(c: Context): boolean {
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== new URL(c.req.url).origin) return false;
  const site = c.req.header("sec-fetch-site");
  return site === undefined || site === "same-origin";
}
