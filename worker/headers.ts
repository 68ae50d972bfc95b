// Headers on every answer: open CORS for the API (no cookies, so nothing to steal), and security
// headers. The site's pages are served from assets, not here: site/public/_headers gives them the
// same `siteCsp`.
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";

/** What the site may load: its own scripts and styles (Vite's inline style attributes too). */
export const siteCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The API answers JSON only: nothing in it may run or be framed. */
export const apiCsp = "default-src 'none'; frame-ancestors 'none'";

export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  const api = c.req.path.startsWith("/api/");
  const headers = c.res.headers;
  if (!headers.has("Content-Security-Policy")) {
    headers.set("Content-Security-Policy", api ? apiCsp : siteCsp);
  }
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
});

export const apiCors = cors({
  origin: "*",
  allowMethods: ["GET", "HEAD", "POST", "DELETE", "OPTIONS"],
  allowHeaders: ["Content-Type", "Authorization", "If-None-Match"],
  exposeHeaders: ["Location", "ETag", "Retry-After", "Allow", "Content-Disposition"],
  maxAge: 86_400,
});
