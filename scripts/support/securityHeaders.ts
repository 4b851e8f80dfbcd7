import { createHash } from 'node:crypto';

/**
 * The security headers the app is served with: one definition for the dev server and `vite preview`
 * (vite.config.ts), the built page's `<meta>` policy, `public/_headers` (Netlify, Cloudflare Pages) and the
 * nginx snippet in the README. tests/scripts/support/securityHeaders.test.ts holds the static files to this module, and
 * tests/e2e/headers.e2e.test.ts holds the servers to it.
 */

/**
 * What the page itself may do. Nothing is ever loaded from another host: `'self'` everywhere, no inline
 * scripts, no `'unsafe-eval'` (zod runs jitless). The service worker (`/sw.js`, from vite-plugin-pwa) and
 * its workbox chunk come from `'self'`; `blob:` covers downloads (exports) and workers built from blobs.
 * This part also goes into the built index.html as a `<meta>`, for hosts that cannot set headers.
 */
const DOCUMENT_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
] as const;

/** The policy of the built page's `<meta>` tag. */
export const CONTENT_SECURITY_POLICY = DOCUMENT_DIRECTIVES.join('; ');

/**
 * The policy as a header. `frame-ancestors` works only there (browsers ignore it in a `<meta>`, with a
 * console error): no other site may frame the app and trick a learner into clicking through it.
 */
export const CONTENT_SECURITY_POLICY_HEADER = [...DOCUMENT_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** Every header, in the order the static-hosting files list them. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  // Browsers without frame-ancestors (old ones) honour this instead.
  'X-Frame-Options': 'DENY',
  // A file is only ever what its Content-Type says (an exported .pcap is never run as a script).
  'X-Content-Type-Options': 'nosniff',
  // The app never links out; if a link is ever followed, the page's query (the scenario) stays here.
  'Referrer-Policy': 'no-referrer',
};

/** The sha256 source expression of an inline script's text, as CSP spells it. */
export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/**
 * The dev server's headers: the same, except that the page may run the inline scripts Vite's dev server
 * writes into it (React Refresh's preamble, allowed by its hash only) and reach the dev server's own
 * websocket for hot module replacement.
 */
export function devSecurityHeaders(inlineScripts: readonly string[]): Record<string, string> {
  const policy = CONTENT_SECURITY_POLICY_HEADER.split('; ')
    .map((directive) => {
      if (directive === "script-src 'self'") return [directive, ...inlineScripts.map(scriptHash)].join(' ');
      if (directive === "connect-src 'self'") return `${directive} ws://127.0.0.1:* ws://localhost:*`;
      return directive;
    })
    .join('; ');
  return { ...SECURITY_HEADERS, 'Content-Security-Policy': policy };
}

/** `public/_headers`: Netlify's and Cloudflare Pages' format, every path. */
export function staticHostHeadersFile(): string {
  const lines = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return [
    '# Security headers for Netlify and Cloudflare Pages (generated from scripts/support/securityHeaders.ts).',
    '/*',
    ...lines,
    '',
  ].join('\n');
}

/** The nginx snippet for the README: `always`, so error pages carry the headers too. */
export function nginxSnippet(): string {
  return Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `add_header ${name} "${value}" always;`)
    .join('\n');
}
