import { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Cross-origin access for browser apps on other origins: only the origins listed in
 * CASCADE_CORS_ORIGINS (comma-separated, or `*`) get CORS headers; the IDE and dashboard are
 * same-origin and need none.
 */
export function corsHandler(origins: string[]) {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  // With origins listed one by one, whether an answer carries CORS headers depends on Origin,
  // so every answer says so (those to no origin or another one too): otherwise a shared cache
  // could hand an answer made without them to an allowed origin, or the reverse.
  const variesByOrigin = origins.length > 0 && !any;
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (variesByOrigin) res.setHeader('vary', 'origin');
    const origin = req.headers.origin;
    if (!origin || (!any && !allowed.has(origin))) return false;
    res.setHeader('access-control-allow-origin', any ? '*' : origin);
    if (req.method !== 'OPTIONS') return false;
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, accept, authorization, x-api-key, apollo-require-preflight, graphql-preflight, x-request-id',
      'access-control-max-age': '600',
    });
    res.end();
    return true;
  };
}

export function parseOrigins(value: string | undefined): string[] {
  return (value ?? '').split(',').map((o) => o.trim()).filter(Boolean);
}
