// Rate limits per user or API key (uploads) and per username (failed logins). Counted in this process's memory:
// with several upload instances behind a balancer each counts its own share.
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { errorAnswer } from '../../../../shared/contracts/api';
import type { Logger } from '../../../../shared/logging/logger';
import { basicCredentials } from './authenticate';
import type { Principal } from './principal';

const MINUTE = 60_000;
// Failed logins are counted over 15 minutes, the window OWASP's examples use for account lock-outs.
const LOGIN_WINDOW_MS = 15 * MINUTE;

/** Uploads per minute by one user (or one API key), counted after authentication and before the body is read. */
export function uploadRateLimit(perMinute: number, logger: Logger): RequestHandler {
  return rateLimit({
    windowMs: MINUTE,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req: Request, res: Response) => {
      const p = res.locals.principal as Principal;
      return p.via.kind === 'key' ? `key:${p.via.keyId}` : `user:${p.username}`;
    },
    handler: (_req, res) => {
      const p = res.locals.principal as Principal;
      logger.warn({ user: p.username }, 'upload rate limit reached');
      res
        .status(429)
        .json(
          errorAnswer(
            'upload-rate-limited',
            `more than ${perMinute} uploads a minute by ${p.username}; wait a minute and send the rest`,
            { limit: perMinute, username: p.username },
          ),
        );
    },
  });
}

/** Failed logins for one username (from the login form, or from HTTP Basic on any request): 429 past the limit. */
export function loginFailureLimit(
  per15Minutes: number,
  usernameOf: (req: Request) => string | undefined,
  logger: Logger,
): RequestHandler {
  return rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit: per15Minutes,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => usernameOf(req) === undefined,
    keyGenerator: (req) => `login:${usernameOf(req) ?? ''}`,
    // Only refused credentials count: a person who logs in, or a script using a right password, is never held back.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    handler: (req, res) => {
      logger.warn({ user: usernameOf(req) }, 'login attempts limit reached');
      res
        .status(429)
        .json(
          errorAnswer(
            'login-rate-limited',
            `more than ${per15Minutes} failed logins for this user in 15 minutes; wait and try again`,
            { limit: per15Minutes },
          ),
        );
    },
  });
}

export const basicUsername = (req: Request): string | undefined => basicCredentials(req)?.username;
export const formUsername = (req: Request): string | undefined => {
  const name = (req.body as { username?: unknown } | undefined)?.username;
  return typeof name === 'string' ? name : undefined;
};
