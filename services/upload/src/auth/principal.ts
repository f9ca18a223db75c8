// Who made a request, once authenticate.ts has established it, and the check that they may do what they ask.
import type { Request, RequestHandler, Response } from 'express';
import { Permission, Role, allows } from '../../../../shared/contracts/user';
import { AccessError } from '../../../../shared/errors/errors';

export interface Principal {
  username: string;
  roles: Role[];
  /** How the request proved it: a session cookie, an API key (its id) or HTTP Basic. */
  via: { kind: 'session'; sessionId: string; csrfToken: string } | { kind: 'key'; keyId: string } | { kind: 'basic' };
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The request's principal, or 401. A change made with a session cookie must also carry the session's CSRF token in
 * a header, which another site's page cannot read or send (the cookie is SameSite=Strict besides).
 */
export function mustPrincipal(req: Request, res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) {
    throw new AccessError(
      'log in first: send a session cookie, "Authorization: Token <key>" or HTTP Basic credentials',
      'login-required',
    );
  }
  if (
    principal.via.kind === 'session' &&
    !SAFE_METHODS.has(req.method) &&
    req.get(CSRF_HEADER) !== principal.via.csrfToken
  ) {
    throw new AccessError(
      `a change made with a session cookie needs the session's ${CSRF_HEADER} header`,
      'csrf-missing',
    );
  }
  return principal;
}

/** 401 without credentials, 403 when the user's roles do not grant `permission`. */
export function requirePermission(permission: Permission): RequestHandler<Record<string, string>> {
  return (req, res, next) => {
    const principal = mustPrincipal(req, res);
    if (!allows(principal.roles, permission)) {
      throw new AccessError(
        `${principal.username} may not ${permission.replace('-', ' ')} (roles: ${principal.roles.join(', ')})`,
        'forbidden',
        { username: principal.username, permission, roles: principal.roles.join(', ') },
      );
    }
    next();
  };
}
