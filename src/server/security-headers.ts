import type { FastifyInstance } from 'fastify';

/**
 * Kiseki runs on closed networks (LGWAN) and loads nothing from outside: the policy allows only the
 * server's own origin (plus data: images, which Swagger UI's stylesheet uses for its icons).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Swagger UI injects one inline <style>; its pages alone may use inline styles (never scripts). */
const DOCS_CONTENT_SECURITY_POLICY = `${CONTENT_SECURITY_POLICY}; style-src 'self' 'unsafe-inline'`;

const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export function registerSecurityHeaders({ app }: { app: FastifyInstance }): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) {
      const isDocs = request.url === '/api/docs' || request.url.startsWith('/api/docs/');
      reply.header(
        'content-security-policy',
        isDocs ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
      );
    }
    for (const [name, value] of Object.entries(securityHeaders)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    return payload;
  });
}
