// Logging in and out (a session cookie for the pages), who am I, and a user's own API keys.
import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { loginInputSchema, newKeySchema } from '../../../../shared/contracts/user';
import { AccessError, NotFoundError } from '../../../../shared/errors/errors';
import {
  deleteApiKey,
  deleteSession,
  findUser,
  insertApiKey,
  insertSession,
  listApiKeys,
} from '../../../../shared/store/users.repository';
import { parsed } from '../parse-input';
import type { UploadDeps } from '../upload-deps';
import { SESSION_COOKIE } from './authenticate';
import { mustPrincipal } from './principal';
import { formUsername, loginFailureLimit } from './rate-limits';
import { newToken, passwordMatches, tokenHash } from './secrets';

// Compared against when the user does not exist, so a wrong username takes as long as a wrong password.
const NO_SUCH_USER_HASH = '$2b$10$cbFfN2Hck62AFzZiKZNTheen9NmfeRxVL7a7tCy5crT/inE6TIHUC';

export function authRouter(deps: UploadDeps): Router {
  const router = express.Router();
  const { database, auth } = deps;
  const cookie = { httpOnly: true, sameSite: 'strict' as const, secure: auth.cookieSecure, path: '/' };

  router.post(
    '/login',
    express.json(),
    loginFailureLimit(auth.loginFailuresPer15Min, formUsername, deps.logger),
    async (req, res) => {
      const input = parsed(loginInputSchema, req.body, 'login');
      const user = await findUser(database, input.username);
      const matches = await passwordMatches(input.password, user?.passwordHash ?? NO_SUCH_USER_HASH);
      if (!user || user.disabled || !matches) {
        deps.logger.warn({ user: input.username }, 'login refused');
        throw new AccessError('wrong username or password', 'wrong-credentials');
      }
      const token = newToken();
      const csrfToken = newToken();
      const now = new Date();
      await insertSession(database, {
        _id: tokenHash(token),
        userId: user._id,
        csrfToken,
        createdAt: now,
        expiresAt: new Date(now.getTime() + auth.sessionHours * 3_600_000),
      });
      deps.logger.info({ user: user._id }, 'logged in');
      res.cookie(SESSION_COOKIE, token, { ...cookie, maxAge: auth.sessionHours * 3_600_000 });
      res.json({ username: user._id, roles: user.roles, csrfToken });
    },
  );

  router.post('/logout', async (req, res) => {
    const principal = mustPrincipal(req, res);
    if (principal.via.kind === 'session') {
      await deleteSession(database, principal.via.sessionId);
    }
    res.clearCookie(SESSION_COOKIE, cookie).status(204).end();
  });

  router.get('/me', (req, res) => {
    const principal = mustPrincipal(req, res);
    res.json({
      username: principal.username,
      roles: principal.roles,
      ...(principal.via.kind === 'session' ? { csrfToken: principal.via.csrfToken } : {}),
    });
  });

  router.get('/keys', async (req, res) => {
    const principal = mustPrincipal(req, res);
    const keys = await listApiKeys(database, principal.username);
    res.json({ keys: keys.map((k) => ({ id: k._id, name: k.name, createdAt: k.createdAt })) });
  });

  // The key is shown once, in this answer; only its hash is kept.
  router.post('/keys', express.json(), async (req, res) => {
    const principal = mustPrincipal(req, res);
    const input = parsed(newKeySchema, req.body, 'key');
    const token = newToken();
    const key = {
      _id: randomUUID(),
      userId: principal.username,
      name: input.name,
      hash: tokenHash(token),
      createdAt: new Date(),
    };
    await insertApiKey(database, key);
    deps.logger.info({ user: principal.username, keyId: key._id }, 'API key created');
    res.status(201).json({ id: key._id, name: key.name, createdAt: key.createdAt, token });
  });

  router.delete('/keys/:keyId', async (req, res) => {
    const principal = mustPrincipal(req, res);
    if (!(await deleteApiKey(database, principal.username, req.params.keyId))) {
      throw new NotFoundError(`${principal.username} has no API key ${req.params.keyId}`);
    }
    deps.logger.info({ user: principal.username, keyId: req.params.keyId }, 'API key revoked');
    res.status(204).end();
  });

  return router;
}
