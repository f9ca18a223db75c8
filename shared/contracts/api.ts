// The upload service's HTTP answers as zod schemas: the OpenAPI document is generated from them and the tests
// validate real answers against them (requests' schemas live beside their domain: user.ts, review.ts, ...).
import { z } from 'zod';
import { documentStatusSchema } from './document';
import { checkSchema, fieldSchema, qualitySchema, reportReviewSchema, templateSchema } from './report';
import { roleSchema } from './user';

/**
 * Every message the API answers with a code: its HTTP status, the parameters its text is made of, and what it means.
 * The `error` sentence beside the code is for people and logs and may be reworded; a client keys on `code` and says it
 * in its own language from `params` (the web application: web/src/parts/error-text.ts). Codes are never renamed.
 */
export const API_CODES = {
  // Uploads (POST /api/documents): nothing is stored or queued.
  'no-file': { status: 400, params: [], means: 'no file in the form field "file"' },
  'bad-upload': { status: 400, params: [], means: 'a malformed multipart form' },
  'empty-file': { status: 400, params: [], means: 'the file is empty' },
  'not-pdf': { status: 415, params: [], means: 'the file is not a PDF' },
  'pdf-encrypted': { status: 422, params: [], means: 'the PDF is password-protected' },
  'pdf-unreadable': { status: 422, params: [], means: 'the PDF cannot be read (damaged or cut short)' },
  'pdf-no-pages': { status: 422, params: [], means: 'the PDF has no pages' },
  'file-too-large': { status: 413, params: ['limitMb'], means: 'the file is over MAX_UPLOAD_BYTES' },
  'too-many-pages': { status: 413, params: ['pages', 'limit'], means: 'more pages than MAX_PAGES' },
  'page-too-large': {
    status: 422,
    params: ['page', 'inches', 'limit'],
    means: "a page's longest side is over MAX_PAGE_INCHES",
  },
  'upload-rate-limited': {
    status: 429,
    params: ['limit', 'username'],
    means: 'more than UPLOADS_PER_MINUTE uploads a minute by this user or key',
  },
  // Not errors: the answer (200) to the same bytes uploaded again, with the document they made.
  'duplicate-upload': { status: 200, params: ['documentId', 'status'], means: 'the same bytes were uploaded before' },
  'duplicate-needs-retry': {
    status: 200,
    params: ['documentId', 'status'],
    means: 'uploaded before and failed or needs attention: POST its links.retry to read it again',
  },
  // Documents, reports and reviews.
  'not-found': { status: 404, params: [], means: 'no such thing (user, key, table, confirmation, stored file)' },
  'no-such-endpoint': { status: 404, params: [], means: 'no such endpoint' },
  'document-not-found': { status: 404, params: ['documentId'], means: 'no document with this id' },
  'field-not-found': { status: 404, params: ['field'], means: 'the report has no such field' },
  'page-image-not-found': { status: 404, params: ['page'], means: 'no image of this page' },
  'report-not-ready': {
    status: 409,
    params: ['documentId', 'status'],
    means: 'the document has no report yet (its status says why)',
  },
  'not-retryable': {
    status: 409,
    params: ['status'],
    means: 'only a failed document or one needing attention is retried',
  },
  'claim-held': {
    status: 409,
    params: ['documentId', 'reviewer', 'expiresAt'],
    means: 'another reviewer has the document open in their desk',
  },
  'stale-field': {
    status: 412,
    params: ['field', 'reviewer'],
    means: 'If-Match is stale: the field was changed since it was read (the answer holds it as it stands)',
  },
  'invalid-value': { status: 422, params: ['raw'], means: 'the value is not a number' },
  'blank-not-found': { status: 422, params: ['field'], means: 'a blank for a field not found in the document' },
  'batch-undone': { status: 409, params: ['batch'], means: 'the bulk confirmation was undone already' },
  'box-outside-page': {
    status: 400,
    params: ['page', 'width', 'height'],
    means: 'the asked region lies outside the page',
  },
  // Users and credentials.
  'username-taken': { status: 409, params: ['username'], means: 'the username is taken' },
  'self-lockout': { status: 409, params: [], means: 'an admin cannot disable themselves or drop their own admin role' },
  'login-required': { status: 401, params: [], means: 'no credentials' },
  'wrong-credentials': { status: 401, params: [], means: 'wrong username or password' },
  'invalid-api-key': { status: 401, params: [], means: 'the API key is revoked, mistyped or its user disabled' },
  'unknown-auth-scheme': { status: 401, params: [], means: 'an Authorization scheme other than Token or Basic' },
  forbidden: {
    status: 403,
    params: ['username', 'permission', 'roles'],
    means: "the user's roles do not grant the permission (roles: comma-separated)",
  },
  'csrf-missing': { status: 403, params: [], means: 'a change made with the session cookie lacks x-csrf-token' },
  'login-rate-limited': {
    status: 429,
    params: ['limit'],
    means: 'more than LOGIN_FAILURES_PER_15_MIN failed logins for this username',
  },
  // Requests the service cannot read.
  'bad-request': {
    status: 400,
    params: [],
    means: 'the query or body does not match its schema (the sentence says where)',
  },
  'invalid-json': { status: 400, params: [], means: 'the body is not valid JSON' },
  'body-too-large': { status: 413, params: ['limitKb'], means: 'a JSON body over 100 kB' },
  'malformed-address': { status: 400, params: [], means: 'a malformed %-escape in the address' },
  // For now: nothing was changed, send it again after Retry-After seconds.
  'dependency-unavailable': {
    status: 503,
    params: ['dependency'],
    means: 'database, broker, or report (held by another writer) away or busy',
  },
  'try-again': { status: 503, params: [], means: 'a passing failure' },
  'internal-error': { status: 500, params: [], means: 'a fault of ours, logged' },
} as const satisfies Record<string, { status: number; params: readonly string[]; means: string }>;

/** A stable message code of the API (API_CODES). */
export type ApiCode = keyof typeof API_CODES;
export const apiCodeSchema = z.enum(Object.keys(API_CODES) as [ApiCode, ...ApiCode[]]);
/** The values a code's message is made of, by the names API_CODES lists for it. */
export const apiParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ApiParams = z.infer<typeof apiParamsSchema>;

/** Every answer other than 2xx: a sentence for people and logs, the code and its parameters for programs. */
export const errorAnswerSchema = z.object({ error: z.string(), code: apiCodeSchema, params: apiParamsSchema });
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>;

/** The body of an error answer. */
export const errorAnswer = (code: ApiCode, error: string, params: ApiParams = {}): ErrorAnswer => ({
  error,
  code,
  params,
});

export const documentViewSchema = z.object({
  id: z.string(),
  filename: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  pages: z.number().int(),
  status: documentStatusSchema,
  failure: z.string().optional(),
  attention: z.array(z.string()).optional(),
  progress: z.object({
    ocr: z.object({ done: z.number().int(), failed: z.number().int(), total: z.number().int() }),
    tables: z.object({ done: z.number().int(), total: z.number().int() }),
    normalisation: z.object({ done: z.boolean() }),
  }),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  /** Once the report is written: what it says of itself, for lists (agency, year, quality, fields to review). */
  report: z
    .object({
      agency: z.string().nullable(),
      year: z.number().int().nullable(),
      template: templateSchema,
      quality: qualitySchema.shape.status,
      review: reportReviewSchema,
    })
    .optional(),
  links: z.record(z.string(), z.string()),
});

export const uploadAnswerSchema = documentViewSchema.extend({
  duplicate: z.boolean(),
  note: z.string().optional(),
  /** For a duplicate: duplicate-upload, or duplicate-needs-retry with the note; params as API_CODES lists. */
  code: apiCodeSchema.optional(),
  params: apiParamsSchema.optional(),
});
export const documentListSchema = z.object({
  items: z.array(documentViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const reviewListSchema = z.object({
  documentId: z.string(),
  filename: z.string(),
  total: z.number().int(),
  review: reportReviewSchema,
  fields: z.array(
    fieldSchema.extend({
      key: z.string(),
      etag: z.string(),
      checks: z.array(checkSchema),
      imageUrl: z.string().nullable(),
    }),
  ),
});
/** A field as a review answers it: with its key, entity tag and the identities it is a term of. */
export const reviewedFieldSchema = fieldSchema.extend({
  key: z.string(),
  etag: z.string(),
  checks: z.array(checkSchema),
});
export const reviewAnswerSchema = reviewedFieldSchema.extend({
  reportReview: reportReviewSchema,
  /** True when the field was settled with this value already: nothing was written, no history entry added. */
  unchanged: z.boolean(),
});
/** 412: the If-Match tag is stale; the field as another reviewer left it. */
export const staleFieldSchema = errorAnswerSchema.extend({ current: reviewedFieldSchema });
const reviewed = z.object({ value: z.number().nullable(), raw: z.string() });
export const reviewHistorySchema = z.object({
  documentId: z.string(),
  reviews: z.array(
    z.object({
      id: z.string(),
      documentId: z.string(),
      field: z.string(),
      reviewer: z.string(),
      at: z.string().datetime(),
      old: reviewed,
      new: reviewed,
      comment: z.string().optional(),
      /** The bulk confirmation the entry belongs to, and when that was undone (the entry then no longer holds). */
      batch: z.string().optional(),
      undoneAt: z.string().datetime().optional(),
    }),
  ),
});
const batchFields = z.array(z.object({ key: z.string(), etag: z.string() }));
export const confirmAnswerSchema = z.object({
  batch: z.string(),
  table: z.string(),
  count: z.number().int(),
  fields: batchFields,
  reportReview: reportReviewSchema,
  undo: z.string(),
});
export const undoAnswerSchema = z.object({
  batch: z.string(),
  count: z.number().int(),
  fields: batchFields,
  reportReview: reportReviewSchema,
});

export const sessionAnswerSchema = z.object({
  username: z.string(),
  roles: z.array(roleSchema),
  csrfToken: z.string().optional(),
});
export const keyViewSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string().datetime() });
export const keyListSchema = z.object({ keys: z.array(keyViewSchema) });
export const keyCreatedSchema = keyViewSchema.extend({ token: z.string() });
export const userViewSchema = z.object({
  username: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export const userListSchema = z.object({ users: z.array(userViewSchema) });
export const healthSchema = z.object({ ok: z.boolean() });
export const readinessSchema = z.object({ ok: z.boolean(), database: z.boolean(), broker: z.boolean() });

export const reviewQueueSchema = z.object({
  /** Flagged fields under the filters, and the documents they are in. */
  fields: z.number().int(),
  documents: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(
    z.object({
      documentId: z.string(),
      filename: z.string(),
      key: z.string(),
      section: z.string(),
      /** not-found, not-a-number, identity, low-confidence or other. */
      reasonKind: z.string(),
      caption: fieldSchema.shape.caption,
      value: z.number().nullable(),
      raw: z.string(),
      confidence: z.number(),
      reasons: z.array(z.string()),
      suggestion: fieldSchema.shape.suggestion,
      page: z.number().int().nullable(),
      bbox: fieldSchema.shape.bbox,
      imageUrl: z.string().nullable(),
      review: z.string(),
      /** Another reviewer who has the document open in their desk now, or null. */
      claimedBy: z.string().nullable(),
    }),
  ),
});

/** A reviewer's claim on a document open in their desk (PUT .../claim). */
export const claimAnswerSchema = z.object({
  documentId: z.string(),
  reviewer: z.string(),
  expiresAt: z.string().datetime(),
  /** How often the desk renews it while the document stays open. */
  renewEveryMs: z.number().int(),
});
/** The claim another reviewer holds (409 to PUT .../claim). */
export const claimHeldSchema = errorAnswerSchema.extend({ reviewer: z.string(), expiresAt: z.string().datetime() });
