// The express application: API routes, the web application, health probes and the mapping of errors to statuses.
import express, { ErrorRequestHandler, Express, RequestHandler, Router } from 'express';
import multer from 'multer';
import { API_CODES, ApiCode, ApiParams, errorAnswer } from '../../../shared/contracts/api';
import {
  CodedError,
  Dependency,
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
    res.status(404).json(errorAnswer('no-such-endpoint', 'no such endpoint'));
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

/** The errors the API answers by their own code (its status from API_CODES) and parameters: every typed error that
 * carries one of the API's codes (a library's own `code`, as multer's LIMIT_FILE_SIZE or a system error's, is none). */
const coded = (error: unknown): error is CodedError =>
  error instanceof Error &&
  typeof (error as Partial<CodedError>).code === 'string' &&
  Object.hasOwn(API_CODES, (error as CodedError).code);

/** What the answer to a typed error carries besides its sentence, code and parameters (kept as before the codes). */
function extras(error: CodedError): Record<string, unknown> {
  if (error instanceof StaleStateError) {
    // If-Match named a state another writer has changed: nothing was written; the state as it stands goes back.
    return { current: error.current };
  }
  if (error instanceof ClaimHeldError) {
    return { reviewer: error.reviewer, expiresAt: error.expiresAt.toISOString() };
  }
  return error instanceof ReportNotReadyError ? { status: error.documentStatus } : {};
}

/** Bad input -> 4xx with a sentence a person understands and a code a program keys on; a dependency away -> 503 with
 * Retry-After; anything else -> 500, logged, details kept inside. */
function errorHandler(deps: UploadDeps): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    void next;
    const transient = transientOf(error);
    const answer = (status: number, code: ApiCode, message: string, params?: ApiParams) =>
      res.status(status).json(errorAnswer(code, message, params));
    if (coded(error)) {
      const { status } = API_CODES[error.code];
      if (status === 401) {
        // Other schemes than Basic in the challenge: a browser's fetch then shows no password dialog of its own.
        res.set('WWW-Authenticate', 'Token realm="docpipe"');
      }
      res.status(status).json({ ...errorAnswer(error.code, error.message, error.params), ...extras(error) });
    } else if (error instanceof multer.MulterError) {
      const limitMb = Math.round(deps.maxUploadBytes / 1048576);
      if (error.code === 'LIMIT_FILE_SIZE') {
        answer(413, 'file-too-large', `the file is larger than ${limitMb} MB`, { limitMb });
      } else {
        answer(400, 'bad-upload', `bad upload: ${error.message} (send one PDF in the field "file")`);
      }
    } else if (transient) {
      // A dependency away or busy: never a 500, nothing was changed, the same request may be sent again.
      const { dependency, message } = transient;
      deps.logger.warn({ err: errorMessage(error), dependency, path: req.path }, 'request refused for now');
      res.set('Retry-After', String(RETRY_AFTER_S[dependency]));
      answer(
        503,
        'dependency-unavailable',
        `${UNAVAILABLE[dependency](message)}; nothing was changed, send it again shortly`,
        { dependency },
      );
    } else if (error instanceof RetryableError) {
      deps.logger.warn({ err: error.message, path: req.path }, 'request refused for now');
      res.set('Retry-After', '1');
      answer(503, 'try-again', `${error.message}; nothing was changed`);
    } else if (clientError(error)) {
      const [code, message, params] = clientMessage(error);
      answer(clientError(error) as number, code, message, params);
    } else {
      deps.logger.error({ err: errorMessage(error), path: req.path }, 'request failed');
      answer(500, 'internal-error', 'internal error; the failure was logged');
    }
  };
}

/** The 4xx status of an error raised by express or its body parser for a bad request, if it is one. */
function clientError(error: unknown): number | undefined {
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** What a person should read for such an error, in our words rather than the library's, and its code. */
function clientMessage(error: unknown): [ApiCode, string, ApiParams?] {
  switch ((error as { type?: string }).type ?? '') {
    case 'entity.parse.failed':
      return ['invalid-json', 'the request body is not valid JSON'];
    case 'entity.too.large':
      return ['body-too-large', 'the request body is too large (JSON bodies are limited to 100 kB)', { limitKb: 100 }];
    default:
      return error instanceof URIError || /decode/i.test(errorMessage(error))
        ? ['malformed-address', 'the address is not valid: it has a malformed %-escape']
        : ['bad-request', `bad request: ${errorMessage(error)}`];
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
