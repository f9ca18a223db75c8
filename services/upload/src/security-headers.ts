// Security headers on every response (helmet), with a content security policy the pages satisfy: the web
// application's scripts and styles are files of this origin, the API reference's inline script carries a nonce
// made per response, and nothing else may run, load or frame them (no inline script, no eval).
import { randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The nonce of this response, for the page's inline style and script. */
export const nonceOf = (res: Response): string => res.locals.cspNonce as string;

export function securityHeaders(): RequestHandler[] {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${nonceOf(res as Response)}'`;
  return [
    (_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString('base64');
      next();
    },
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'", nonce],
          styleSrc: ["'self'", nonce],
          imgSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  ];
}
