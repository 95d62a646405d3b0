import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const fromQuery = req.query?._csrf;
    if (typeof fromQuery === 'string') return fromQuery;
    const header = req.headers['x-csrf-token'];
    return typeof header === 'string' ? header : undefined;
  },
});

function isMultipart(req: Request): boolean {
  return (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
}

/**
 * Synchroniser-token CSRF protection on every state-changing request, and the token in res.locals
 * for forms. Multipart uploads are checked by `csrfProtection` after the upload parser has run
 * (routes with file uploads must add it), so the token in the multipart body can be read.
 */
export function csrf(req: Request, res: Response, next: NextFunction): void {
  res.locals.csrfToken = generateToken(req);
  if (isMultipart(req) && req.method === 'POST') {
    next();
    return;
  }
  csrfSynchronisedProtection(req, res, next);
}

export const csrfProtection = csrfSynchronisedProtection;

export function isCsrfError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'EBADCSRFTOKEN';
}
