// The express application: API routes, the web application, health probes and the mapping of errors to statuses.
import express, { ErrorRequestHandler, Express, RequestHandler, Router } from 'express';
import multer from 'multer';
import {
  AccessError,
  Dependency,
  InputError,
  NotFoundError,
  ReportNotReadyError,
  RetryableError,
  StaleStateError,
  ClaimHeldError,
  errorMessage,
} from '../../../shared/errors/errors';
import { transientOf } from '../../../shared/runtime/transient';
import { pingDatabase } from '../../../shared/store/database';
import { documentsRouter } from './documents.routes';
import { exportsRouter } from './exports.routes';
import { reviewQueueRouter } from './review-queue.routes';
import { apiDocsPage } from './api-docs-page';
import { webAppRouter } from './web-app';
import { openApiDocument } from './openapi';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { authRouter } from './auth/auth.routes';
import { authenticate } from './auth/authenticate';
import { basicUsername, loginFailureLimit } from './auth/rate-limits';
import { usersRouter } from './auth/users.routes';
import { nonceOf, securityHeaders } from './security-headers';
import { reviewRouter } from './review.routes';
import type { UploadDeps } from './upload-deps';

/** The API's routers and where they are mounted (the OpenAPI test walks them to find every route). */
export const API_ROUTERS: readonly [string, (deps: UploadDeps) => Router][] = [
  ['/api/auth', authRouter],
  ['/api/users', usersRouter],
  ['/api/documents', documentsRouter],
  ['/api/documents', reviewRouter],
  ['/api/documents', exportsRouter],
  ['/api/review', reviewQueueRouter],
];

export function createApp(deps: UploadDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(countResponses(deps));
  app.use(securityHeaders());
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const database = await pingDatabase(deps.database);
    const broker = deps.brokerReady();
    res.status(database && broker ? 200 : 503).json({ ok: database && broker, database, broker });
  });
  const openapi = openApiDocument();
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api/docs/assets', express.static(getAbsoluteFSPath(), { index: false }));
  app.get('/api/docs', (_req, res) => {
    // swagger-ui sets styles inline: this page alone allows them; scripts still only with the nonce.
    const nonce = nonceOf(res);
    res.set(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
    res.type('html').send(apiDocsPage(nonce));
  });
  app.use(loginFailureLimit(deps.auth.loginFailuresPer15Min, basicUsername, deps.logger), authenticate(deps.database));
  for (const [prefix, router] of API_ROUTERS) {
    app.use(prefix, router(deps));
  }
  app.use(webAppRouter());
  app.use((_req, res) => {
    res.status(404).json({ error: 'no such endpoint' });
  });
  app.use(errorHandler(deps));
  return app;
}

// When to ask again: a report's lease is held for milliseconds; a database or broker restarting takes seconds, and
// clients asking every second would only add to its load as it comes back.
const RETRY_AFTER_S: Record<Dependency, number> = { report: 1, database: 5, broker: 5 };
const UNAVAILABLE: Record<Dependency, (message: string) => string> = {
  report: (message) => message,
  database: () => 'the database is not reachable just now',
  broker: () => 'the message broker is not reachable just now',
};

/** Bad input -> 4xx with a message a person understands; a dependency away -> 503 with Retry-After; anything else
 * -> 500, logged, details kept inside. */
function errorHandler(deps: UploadDeps): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    void next;
    const transient = transientOf(error);
    if (error instanceof InputError) {
      res.status(error.status).json({ error: error.message });
    } else if (error instanceof AccessError) {
      // Other schemes than Basic in the challenge: a browser's fetch then shows no password dialog of its own.
      res
        .status(error.status)
        .set(error.status === 401 ? { 'WWW-Authenticate': 'Token realm="docpipe"' } : {})
        .json({ error: error.message });
    } else if (error instanceof StaleStateError) {
      // If-Match named a state another writer has changed: nothing was written; the state as it stands goes back.
      res.status(412).json({ error: error.message, current: error.current });
    } else if (error instanceof ClaimHeldError) {
      res
        .status(409)
        .json({ error: error.message, reviewer: error.reviewer, expiresAt: error.expiresAt.toISOString() });
    } else if (error instanceof ReportNotReadyError) {
      res.status(409).json({ error: error.message, status: error.documentStatus });
    } else if (error instanceof NotFoundError) {
      res.status(404).json({ error: error.message });
    } else if (error instanceof multer.MulterError) {
      const tooLarge = error.code === 'LIMIT_FILE_SIZE';
      res.status(tooLarge ? 413 : 400).json({
        error: tooLarge
          ? `the file is larger than ${Math.round(deps.maxUploadBytes / 1048576)} MB`
          : `bad upload: ${error.message} (send one PDF in the field "file")`,
      });
    } else if (transient) {
      // A dependency away or busy: never a 500, nothing was changed, the same request may be sent again.
      const { dependency, message } = transient;
      deps.logger.warn({ err: errorMessage(error), dependency, path: req.path }, 'request refused for now');
      res
        .status(503)
        .set('Retry-After', String(RETRY_AFTER_S[dependency]))
        .json({ error: `${UNAVAILABLE[dependency](message)}; nothing was changed, send it again shortly` });
    } else if (error instanceof RetryableError) {
      deps.logger.warn({ err: error.message, path: req.path }, 'request refused for now');
      res
        .status(503)
        .set('Retry-After', '1')
        .json({ error: `${error.message}; nothing was changed` });
    } else if (clientError(error)) {
      res.status(clientError(error) as number).json({ error: clientMessage(error) });
    } else {
      deps.logger.error({ err: errorMessage(error), path: req.path }, 'request failed');
      res.status(500).json({ error: 'internal error; the failure was logged' });
    }
  };
}

/** The 4xx status of an error raised by express or its body parser for a bad request, if it is one. */
function clientError(error: unknown): number | undefined {
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** What a person should read for such an error, in our words rather than the library's. */
function clientMessage(error: unknown): string {
  switch ((error as { type?: string }).type ?? '') {
    case 'entity.parse.failed':
      return 'the request body is not valid JSON';
    case 'entity.too.large':
      return 'the request body is too large (JSON bodies are limited to 100 kB)';
    default:
      return error instanceof URIError || /decode/i.test(errorMessage(error))
        ? 'the address is not valid: it has a malformed %-escape'
        : `bad request: ${errorMessage(error)}`;
  }
}

/** Counts every response by method, the route pattern it matched (ids left out) and status. */
function countResponses(deps: UploadDeps): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      const pattern = (req.route as { path?: string } | undefined)?.path;
      deps.metrics.observeRequest(req.method, pattern ? `${req.baseUrl}${pattern}` : 'unmatched', res.statusCode);
    });
    next();
  };
}
