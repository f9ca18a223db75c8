// The web application (web/, built by `npm install` into web/dist): its assets, and its page for every address
// it routes itself. One server: the API and the application come from the same origin, under one policy.
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { repositoryRoot } from '../../../shared/config/repository-root';

/** The addresses the application routes in the browser: each gets its page, which then reads the API. */
export const APP_ROUTES = ['/', '/login', '/queue', '/documents/:id', '/review/:id', '/users'] as const;

export function webAppRouter(dir = path.join(repositoryRoot(), 'web/dist')): Router {
  const router = express.Router();
  // Asset names carry a hash of their content: cached for a year, a new build has new names.
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: false }),
  );
  // The icon (web/public, copied to the build's root): not hashed, so cached for a day, not for good.
  router.get('/favicon.svg', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').sendFile(path.join(dir, 'favicon.svg'));
  });
  const index = path.join(dir, 'index.html');
  router.get([...APP_ROUTES], (_req, res) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text')
        .send('The web application is not built: run `npm install` (or `npm run build`) in the repository.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
