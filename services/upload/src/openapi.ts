// The HTTP API as an OpenAPI 3.1 document, generated from the zod schemas that validate requests and describe
// answers (@asteasolutions/zod-to-openapi): one source of truth. Served at /api/openapi.json, read at /api/docs.
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import * as api from '../../../shared/contracts/api';
import { reportSchema } from '../../../shared/contracts/report';
import { reviewInputSchema } from '../../../shared/contracts/review';
import {
  Permission,
  loginInputSchema,
  newKeySchema,
  newUserSchema,
  userChangeSchema,
} from '../../../shared/contracts/user';
import { listQuery } from './documents.routes';
import { cropQuery } from './review.routes';
import { queueQuery } from './review-queue.routes';

extendZodWithOpenApi(z);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Answer {
  description: string;
  schema?: z.ZodTypeAny;
  /** Other than JSON: text/csv, image/png, ... */
  type?: string;
}

/** One endpoint: the express path, who may call it, what it takes and what it answers. */
export interface Endpoint {
  method: Method;
  path: string;
  summary: string;
  access: Permission | 'login' | 'public';
  query?: z.AnyZodObject;
  body?: z.ZodTypeAny;
  multipart?: boolean;
  answers: Record<number, Answer>;
}

const json = (description: string, schema: z.ZodTypeAny): Answer => ({ description, schema });
/** An error answer, and the codes it may carry (api.API_CODES: what each means, its parameters). */
const error = (description: string, ...codes: [api.ApiCode, ...api.ApiCode[]]): Answer => ({
  description: `${description} (code: ${codes.join(', ')})`,
  schema: api.errorAnswerSchema.extend({ code: z.enum(codes) }),
});

export const ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    access: 'public',
    answers: { 200: json('alive', api.healthSchema) },
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: database and broker reachable',
    access: 'public',
    answers: { 200: json('ready', api.readinessSchema), 503: json('not ready', api.readinessSchema) },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in: sets the session cookie',
    access: 'public',
    body: loginInputSchema,
    answers: {
      200: json('logged in; send csrfToken as x-csrf-token with changes', api.sessionAnswerSchema),
      401: error('wrong username or password', 'wrong-credentials'),
      429: error('too many failed logins for this user', 'login-rate-limited'),
    },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End the session',
    access: 'login',
    answers: { 204: { description: 'logged out' } },
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'Who is calling',
    access: 'login',
    answers: { 200: json('the caller', api.sessionAnswerSchema) },
  },
  {
    method: 'get',
    path: '/api/auth/keys',
    summary: "The caller's API keys",
    access: 'login',
    answers: { 200: json('keys, without their secrets', api.keyListSchema) },
  },
  {
    method: 'post',
    path: '/api/auth/keys',
    summary: 'Create an API key',
    access: 'login',
    body: newKeySchema,
    answers: {
      201: json('the key; its token is shown only here', api.keyCreatedSchema),
      400: error('no name', 'bad-request', 'invalid-json'),
    },
  },
  {
    method: 'delete',
    path: '/api/auth/keys/:keyId',
    summary: 'Revoke an API key',
    access: 'login',
    answers: { 204: { description: 'revoked' }, 404: error('no such key', 'not-found') },
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'List users',
    access: 'manage-users',
    answers: { 200: json('users', api.userListSchema) },
  },
  {
    method: 'post',
    path: '/api/users',
    summary: 'Create a user',
    access: 'manage-users',
    body: newUserSchema,
    answers: {
      201: json('the user', api.userViewSchema),
      400: error('bad user', 'bad-request', 'invalid-json'),
      409: error('username taken', 'username-taken'),
    },
  },
  {
    method: 'patch',
    path: '/api/users/:username',
    summary: "Change a user's password, roles or disabled state",
    access: 'manage-users',
    body: userChangeSchema,
    answers: {
      200: json('the user', api.userViewSchema),
      404: error('no such user', 'not-found'),
      409: error('an admin cannot lock themselves out', 'self-lockout'),
    },
  },
  {
    method: 'post',
    path: '/api/documents',
    summary: 'Upload a PDF',
    access: 'upload',
    multipart: true,
    answers: {
      201: json('accepted', api.uploadAnswerSchema),
      200: json('the same bytes were uploaded before', api.uploadAnswerSchema),
      400: error('no file or a malformed form', 'no-file', 'bad-upload', 'empty-file'),
      413: error('too large or too many pages', 'file-too-large', 'too-many-pages'),
      415: error('not a PDF', 'not-pdf'),
      422: error(
        'unreadable, encrypted, or pages too large',
        'pdf-unreadable',
        'pdf-encrypted',
        'pdf-no-pages',
        'page-too-large',
      ),
      429: error('too many uploads a minute by this user or key', 'upload-rate-limited'),
    },
  },
  {
    method: 'get',
    path: '/api/documents',
    summary: 'List documents, newest first',
    access: 'read',
    query: listQuery,
    answers: { 200: json('a page of documents', api.documentListSchema), 400: error('bad query', 'bad-request') },
  },
  {
    method: 'get',
    path: '/api/documents/events',
    summary: 'Live progress: server-sent `document` events carrying the document view whenever it changes',
    access: 'read',
    answers: { 200: { description: 'an event stream', type: 'text/event-stream' } },
  },
  {
    method: 'get',
    path: '/api/documents/:id',
    summary: 'A document: status and progress',
    access: 'read',
    answers: {
      200: json('the document', api.documentViewSchema),
      404: error('no such document', 'document-not-found'),
    },
  },
  {
    method: 'post',
    path: '/api/documents/:id/retry',
    summary: 'Read a failed or doubtful document again',
    access: 'upload',
    answers: {
      202: json('queued again', api.documentViewSchema),
      409: error('not failed nor needing attention', 'not-retryable'),
    },
  },
  {
    method: 'get',
    path: '/api/documents/:id/report',
    summary: 'The report',
    access: 'read',
    answers: {
      200: json('the report', reportSchema),
      404: error('no such document', 'document-not-found'),
      409: error('not ready yet', 'report-not-ready'),
    },
  },
  {
    method: 'get',
    path: '/api/documents/:id/review',
    summary:
      'Fields flagged for review, most doubtful first, with their cell images and identities (and `field`, flagged or not)',
    access: 'read',
    query: z.object({ field: z.string().optional() }),
    answers: {
      200: json('the review list', api.reviewListSchema),
      404: error('no such document', 'document-not-found'),
      409: error('no report yet', 'report-not-ready'),
    },
  },
  {
    method: 'get',
    path: '/api/documents/:id/pages/:page/image',
    summary: 'A region of an upright page image',
    access: 'read',
    query: cropQuery,
    answers: {
      200: { description: 'WebP (or JPEG, PNG as `format` asks), Cache-Control immutable', type: 'image/webp' },
      400: error('bad box', 'bad-request', 'box-outside-page'),
      404: error('no image', 'document-not-found', 'page-image-not-found'),
    },
  },
  {
    method: 'post',
    path: '/api/documents/:id/fields/:key/review',
    summary: 'Correct or confirm a field',
    access: 'review',
    body: reviewInputSchema,
    answers: {
      200: json(
        "the field, its identities and the review summary after the correction; the field's new entity tag in ETag",
        api.reviewAnswerSchema,
      ),
      404: error('no such document or field', 'document-not-found', 'field-not-found'),
      409: error('no report yet', 'report-not-ready'),
      412: json(
        'If-Match names a state of the field another reviewer has changed: nothing written; the field as it stands',
        api.staleFieldSchema,
      ),
      422: error('not a number, or a blank for a field not found', 'invalid-value', 'blank-not-found'),
      503: error('the report is busy; send it again', 'dependency-unavailable'),
    },
  },
  {
    method: 'post',
    path: '/api/documents/:id/tables/:table/confirm',
    summary: 'Confirm as read every flagged field of a table whose identities all hold',
    access: 'review',
    answers: {
      200: json('how many, the batch and its undo address', api.confirmAnswerSchema),
      404: error('no such document, or no fields in the table', 'document-not-found', 'not-found'),
      409: error('no report yet', 'report-not-ready'),
      503: error('the report is busy; send it again', 'dependency-unavailable'),
    },
  },
  {
    method: 'post',
    path: '/api/documents/:id/confirmations',
    summary:
      'Confirm as read every flagged field whose identities all hold, of a table ({"table"}), of the row of a field ({"rowOf"}) or of a page ({"page"})',
    access: 'review',
    body: api.confirmScopeSchema,
    answers: {
      200: json('how many, the batch and its undo address', api.confirmAnswerSchema),
      400: error('not one of the three scopes', 'bad-request', 'invalid-json'),
      404: error(
        'no such document, or no such table, field or page among its fields',
        'document-not-found',
        'not-found',
        'field-not-found',
      ),
      409: error('no report yet', 'report-not-ready'),
      503: error('the report is busy; send it again', 'dependency-unavailable'),
    },
  },
  {
    method: 'put',
    path: '/api/documents/:id/claim',
    summary: "Claim (or renew the claim on) a document open in one's desk, so the queue sends others elsewhere",
    access: 'review',
    answers: {
      200: json('the claim, until when, and how often to renew it', api.claimAnswerSchema),
      404: error('no such document', 'document-not-found'),
      409: json('another reviewer has it open: who, and until when', api.claimHeldSchema),
    },
  },
  {
    method: 'delete',
    path: '/api/documents/:id/claim',
    summary: "Give up one's claim on a document (another's stays)",
    access: 'review',
    answers: { 204: { description: 'released' } },
  },
  {
    method: 'post',
    path: '/api/documents/:id/confirmations/:batch/undo',
    summary: 'Undo a bulk confirmation',
    access: 'review',
    answers: {
      200: json('the fields put back', api.undoAnswerSchema),
      404: error('no such document or confirmation', 'document-not-found', 'not-found'),
      409: error('undone already', 'batch-undone'),
    },
  },
  {
    method: 'get',
    path: '/api/review/queue',
    summary: 'Flagged fields across documents, most doubtful first',
    access: 'read',
    query: queueQuery,
    answers: {
      200: json('a page of the queue, with counts', api.reviewQueueSchema),
      400: error('bad query', 'bad-request'),
    },
  },
  {
    method: 'get',
    path: '/api/documents/:id/reviews',
    summary: "A document's correction history",
    access: 'read',
    answers: { 200: json('who, when, old, new', api.reviewHistorySchema) },
  },
  {
    method: 'get',
    path: '/api/documents/:id/pdf',
    summary: 'The PDF with an invisible, searchable text layer',
    access: 'read',
    answers: {
      200: { description: 'PDF', type: 'application/pdf' },
      404: error('no such document', 'document-not-found'),
      409: error('no report yet', 'report-not-ready'),
    },
  },
  {
    method: 'get',
    path: '/api/documents/:id/fields.csv',
    summary: 'The fields as CSV',
    access: 'read',
    answers: {
      200: { description: 'CSV', type: 'text/csv' },
      404: error('no such document', 'document-not-found'),
      409: error('no report yet', 'report-not-ready'),
    },
  },
  {
    method: 'get',
    path: '/api/documents/:id/tables.xlsx',
    summary: 'All tables as one workbook',
    access: 'read',
    answers: {
      200: { description: 'XLSX', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      404: error('no such document', 'document-not-found'),
      409: error('no report yet', 'report-not-ready'),
    },
  },
  {
    method: 'get',
    path: '/api/documents/:id/tables/:name.csv',
    summary: 'One table as CSV',
    access: 'read',
    answers: {
      200: { description: 'CSV', type: 'text/csv' },
      404: error('no such document, or no such table', 'document-not-found', 'not-found'),
      409: error('no report yet', 'report-not-ready'),
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    access: 'public',
    answers: { 200: { description: 'OpenAPI 3.1', type: 'application/json' } },
  },
];

/** `/api/documents/:id` as OpenAPI writes it: `/api/documents/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export function openApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  const token = registry.registerComponent('securitySchemes', 'token', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: '"Token <key>"',
  });
  const basic = registry.registerComponent('securitySchemes', 'basic', { type: 'http', scheme: 'basic' });
  const cookie = registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'docpipe_session',
  });
  registry.register('Report', reportSchema);
  registry.register('ErrorAnswer', api.errorAnswerSchema.openapi({ description: codesTable() }));
  for (const e of ENDPOINTS) {
    const params = [...e.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    registry.registerPath({
      method: e.method,
      path: openApiPath(e.path),
      summary: e.summary,
      description:
        e.access === 'public'
          ? 'No credentials needed.'
          : e.access === 'login'
            ? 'Any logged-in user.'
            : `Needs the ${e.access} permission (README, "Users, roles and credentials").`,
      ...(e.access === 'public'
        ? {}
        : { security: [{ [token.name]: [] }, { [basic.name]: [] }, { [cookie.name]: [] }] }),
      request: {
        ...(params.length ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
        ...(e.query ? { query: e.query } : {}),
        ...(e.body ? { body: { content: { 'application/json': { schema: e.body } } } } : {}),
        ...(e.multipart
          ? {
              body: {
                content: {
                  'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) },
                },
              },
            }
          : {}),
      },
      responses: Object.fromEntries(
        Object.entries({
          ...e.answers,
          ...(e.access === 'public'
            ? {}
            : {
                401: error(
                  'no or wrong credentials',
                  'login-required',
                  'wrong-credentials',
                  'invalid-api-key',
                  'unknown-auth-scheme',
                ),
                ...(e.access === 'login'
                  ? {}
                  : {
                      403: error(
                        'the role does not allow it, or a session change without its CSRF header',
                        'forbidden',
                        'csrf-missing',
                      ),
                    }),
              }),
        }).map(([status, a]) => [
          status,
          {
            description: a.description,
            ...(a.schema
              ? { content: { 'application/json': { schema: a.schema } } }
              : a.type
                ? { content: { [a.type]: { schema: z.string() } } }
                : {}),
          },
        ]),
      ),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'docpipe',
      version: '1',
      description:
        'Scanned government reports to structured, confidence-scored reports. Every value carries a confidence; a person reviews only what is flagged.\n\n' +
        'Every answer other than 2xx is `{ error, code, params }`: `error` a sentence for people and logs (it may be reworded), `code` stable for programs, `params` the values a message in another language is made of. Any endpoint may also answer 503 `dependency-unavailable` (with Retry-After) or 500 `internal-error`.\n\n' +
        codesTable(),
    },
  });
}

/** The codes as a Markdown table: code, status, parameters, meaning. */
function codesTable(): string {
  const rows = Object.entries(api.API_CODES).map(
    ([code, c]) => `| \`${code}\` | ${c.status} | ${c.params.map((p) => `\`${p}\``).join(', ')} | ${c.means} |`,
  );
  return ['| code | status | params | means |', '|---|---|---|---|', ...rows].join('\n');
}
