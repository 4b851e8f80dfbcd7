import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  devSecurityHeaders,
  nginxSnippet,
  scriptHash,
  SECURITY_HEADERS,
  staticHostHeadersFile,
} from '../../../scripts/support/securityHeaders';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (path: string): string => readFileSync(resolve(ROOT, path), 'utf8');

describe('security headers, one definition', () => {
  it('forbid framing, sniffing and referrers', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
    expect(SECURITY_HEADERS['X-Frame-Options']).toBe('DENY');
  });

  it('keeps frame-ancestors out of the <meta> policy, where browsers ignore it with a console error', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY_HEADER.startsWith(`${CONTENT_SECURITY_POLICY}; `)).toBe(true);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('ships public/_headers exactly as the module writes it', () => {
    // If this fails after a policy change: npx tsx -e "import('./scripts/support/securityHeaders.ts')
    //   .then((m) => process.stdout.write(m.staticHostHeadersFile()))" > public/_headers
    expect(read('public/_headers')).toBe(staticHostHeadersFile());
  });

  it('documents the nginx snippet in the README exactly as the module writes it', () => {
    expect(read('README.md')).toContain(`\`\`\`nginx\n${nginxSnippet()}\n\`\`\``);
  });

  it('loosens the dev server only by the inline scripts’ hashes and the local websocket', () => {
    const preamble = 'console.log("preamble")';
    const dev = devSecurityHeaders([preamble]);
    const directives = (policy: string | undefined) => (policy ?? '').split('; ');
    const changed = directives(dev['Content-Security-Policy']).filter(
      (d) => !directives(CONTENT_SECURITY_POLICY_HEADER).includes(d),
    );
    expect(changed).toEqual([
      `script-src 'self' ${scriptHash(preamble)}`,
      "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
    ]);
    // The hash CSP expects: base64 of the SHA-256 of the script's exact text.
    expect(scriptHash('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
    expect({ ...dev, 'Content-Security-Policy': '' }).toEqual({
      ...SECURITY_HEADERS,
      'Content-Security-Policy': '',
    });
  });
});
