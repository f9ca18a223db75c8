// The upload service's HTTP answers as zod schemas: the OpenAPI document is generated from them and the tests
// validate real answers against them (requests' schemas live beside their domain: user.ts, review.ts, ...).
import { z } from 'zod';
import { documentStatusSchema } from './document';
import { checkSchema, fieldSchema, qualitySchema, reportReviewSchema, templateSchema } from './report';
import { roleSchema } from './user';
import catalog from './api-codes.json';

/** A code's entry in the catalog: its HTTP status, the parameters its text is made of, and what it means. */
const apiCodeEntrySchema = z
  .object({
    status: z.number().int().min(200).max(599),
    params: z.array(z.string().regex(/^[a-z][A-Za-z]*$/)).readonly(),
    means: z.string().min(1),
  })
  .strict();
type ApiCodeEntry = z.infer<typeof apiCodeEntrySchema>;

/** A stable message code of the API: a key of the catalog (api-codes.json). */
export type ApiCode = keyof typeof catalog;

/**
 * Every message the API answers with a code, from the catalog api-codes.json (checked against its schema as it is
 * loaded). The `error` sentence beside the code is for people and logs and may be reworded; a client keys on `code` and
 * says it in its own language from `params` (the web application: web/src/parts/error-text.ts). Codes are never
 * renamed. The catalog lists them by what they answer: uploads (POST /api/documents; nothing is stored or queued);
 * `duplicate-upload` and `duplicate-needs-retry`, not errors but the answer (200) to the same bytes uploaded again,
 * with the document they made; documents, reports and reviews; users and credentials; requests the service cannot
 * read; and, last, the failures for now (`dependency-unavailable`, `try-again`: nothing was changed, send it again
 * after Retry-After seconds) and `internal-error`.
 */
export const API_CODES: Readonly<Record<ApiCode, ApiCodeEntry>> = z
  .record(z.string().regex(/^[a-z]+(-[a-z]+)*$/), apiCodeEntrySchema)
  // The parse keeps the catalog's keys, so its record is keyed by the codes.
  .parse(catalog) as Record<ApiCode, ApiCodeEntry>;
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
/** What one bulk confirmation covers (POST .../confirmations): a table by its key, the row of a field, or a page. */
export const confirmScopeSchema = z.union([
  z.object({ table: z.string().min(1) }).strict(),
  z.object({ rowOf: z.string().min(1) }).strict(),
  z.object({ page: z.number().int().positive() }).strict(),
]);
export type ConfirmScope = z.infer<typeof confirmScopeSchema>;
export const confirmAnswerSchema = z.object({
  batch: z.string(),
  scope: confirmScopeSchema,
  /** The table confirmed in, for a table's or a row's confirmation. */
  table: z.string().optional(),
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
