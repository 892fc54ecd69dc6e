// GET /logo.svg: the region's logo from its branding (region pack's logo.svg). SVG can carry
// scripts, so it is served with a CSP that allows nothing but its own inline styles.
import type { Context } from 'hono';
import type { AppContext } from '../http/context.ts';

export const LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Registered before the session middleware (like /favicon.svg): no session, no CSRF, cached region. */
export async function serveLogo(c: Context, ctx: AppContext) {
  const region = await ctx.region();
  const svg = region.branding.logoSvg;
  if (!svg) return c.text('Not Found', 404);
  return c.body(svg, 200, {
    'content-type': 'image/svg+xml; charset=utf-8',
    'content-security-policy': LOGO_CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'public, max-age=3600',
  });
}
