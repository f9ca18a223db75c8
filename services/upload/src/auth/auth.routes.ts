// Logging in and out (a session cookie for the pages), who am I, and a user's own API keys.
import express, { Router } from 'express';
import { loginInputSchema, newKeySchema } from '../../../../shared/contracts/user';
import { parsed } from '../parse-input';
import type { UploadDeps } from '../upload-deps';
import { createApiKey, keysOf, revokeApiKey, signIn, signOut } from '../use-cases/sign-in';
import { SESSION_COOKIE } from './authenticate';
import { mustPrincipal } from './principal';
import { formUsername, loginFailureLimit } from './rate-limits';

export function authRouter(deps: UploadDeps): Router {
  const router = express.Router();
  const { auth } = deps;
  const cookie = { httpOnly: true, sameSite: 'strict' as const, secure: auth.cookieSecure, path: '/' };

  router.post(
    '/login',
    express.json(),
    loginFailureLimit(auth.loginFailuresPer15Min, formUsername, deps.logger),
    async (req, res) => {
      const { token, answer } = await signIn(deps, parsed(loginInputSchema, req.body, 'login'), auth.sessionHours);
      res.cookie(SESSION_COOKIE, token, { ...cookie, maxAge: auth.sessionHours * 3_600_000 });
      res.json(answer);
    },
  );

  router.post('/logout', async (req, res) => {
    const principal = mustPrincipal(req, res);
    if (principal.via.kind === 'session') {
      await signOut(deps, principal.via.sessionId);
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
    res.json(await keysOf(deps, mustPrincipal(req, res).username));
  });

  // The key is shown once, in this answer; only its hash is kept.
  router.post('/keys', express.json(), async (req, res) => {
    const principal = mustPrincipal(req, res);
    const input = parsed(newKeySchema, req.body, 'key');
    res.status(201).json(await createApiKey(deps, principal.username, input.name));
  });

  router.delete('/keys/:keyId', async (req, res) => {
    await revokeApiKey(deps, mustPrincipal(req, res).username, req.params.keyId);
    res.status(204).end();
  });

  return router;
}
