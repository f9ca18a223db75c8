// Establishes who sent a request, from an API key ("Authorization: Token <key>", for machines), HTTP Basic (a
// user's own credentials, as paperless-ngx accepts) or the session cookie the pages get at login. A request with no
// credentials goes on without a principal (health checks and the pages' shells need none; every API route asks
// for a permission); credentials that are wrong are refused at once with 401.
import type { Request, RequestHandler } from 'express';
import { AccessError } from '../../../../shared/errors/errors';
import { findApiKeyByHash, findLiveSession, findUser } from '../../../../shared/store/users.repository';
import type { UserRecord } from '../../../../shared/contracts/user';
import type { Database } from '../../../../shared/store/database';
import { Principal } from './principal';
import { passwordMatches, tokenHash } from './secrets';

export const SESSION_COOKIE = 'docpipe_session';

/** The username of a request's HTTP Basic credentials, and the password, if it sends any. */
export function basicCredentials(req: Request): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) {
    return undefined;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The value of one cookie of the request. */
export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return part.slice(eq + 1).trim();
    }
  }
  return undefined;
}

const usable = (user: UserRecord | null): user is UserRecord => user !== null && !user.disabled;

async function principalOfRequest(req: Request, database: Database): Promise<Principal | undefined> {
  const header = req.headers.authorization;
  if (header) {
    const token = /^Token\s+(\S+)\s*$/i.exec(header)?.[1];
    if (token) {
      const key = await findApiKeyByHash(database, tokenHash(token));
      const user = key ? await findUser(database, key.userId) : null;
      if (!key || !usable(user)) {
        throw new AccessError('the API key is not valid (revoked, mistyped or its user disabled)', 'invalid-api-key');
      }
      return { username: user._id, roles: user.roles, via: { kind: 'key', keyId: key._id } };
    }
    const basic = basicCredentials(req);
    if (!basic) {
      throw new AccessError(
        'unknown Authorization scheme: send "Token <key>" or HTTP Basic credentials',
        'unknown-auth-scheme',
      );
    }
    const user = await findUser(database, basic.username);
    if (!usable(user) || !(await passwordMatches(basic.password, user.passwordHash))) {
      throw new AccessError('wrong username or password', 'wrong-credentials');
    }
    return { username: user._id, roles: user.roles, via: { kind: 'basic' } };
  }
  const cookie = cookieValue(req, SESSION_COOKIE);
  if (cookie) {
    const session = await findLiveSession(database, tokenHash(cookie));
    const user = session ? await findUser(database, session.userId) : null;
    // An expired or ended session is no credential: the request goes on as anonymous, and the page logs in again.
    if (session && usable(user)) {
      return {
        username: user._id,
        roles: user.roles,
        via: { kind: 'session', sessionId: session._id, csrfToken: session.csrfToken },
      };
    }
  }
  return undefined;
}

export function authenticate(database: Database): RequestHandler {
  return async (req, res, next) => {
    res.locals.principal = await principalOfRequest(req, database);
    next();
  };
}
