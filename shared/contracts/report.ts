// The report contract: the same JSON from the API, from `docpipe convert` and in the `reports` collection.
import { z } from 'zod';
import { bboxSchema } from './geometry';
import { cellSchema } from './table';
import { pageGeometrySchema } from './page';

export const templateSchema = z.enum(['gov-disclosure-2019', 'gov-disclosure-legacy']).nullable();
export type TemplateId = z.infer<typeof templateSchema>;

export const suggestionSchema = z.object({
  value: z.number(),
  reason: z.string(),
});

export const fieldSchema = z.object({
  value: z.number().nullable(),
  raw: z.string(),
  /** Calibrated: of fields marked 0.95, about 95% are right. */
  confidence: z.number().min(0).max(1),
  needsReview: z.boolean(),
  /** Why the confidence is what it is (low OCR confidence, a violated identity, ...). */
  reasons: z.array(z.string()),
  suggestion: suggestionSchema.optional(),
  /** Unit as printed, for amounts and legacy statistics (万元, 件, ...). */
  unit: z.string().optional(),
  page: z.number().int().positive().nullable(),
  bbox: bboxSchema.nullable(),
  /** The row and column captions of the field's cell as the template prints them (2019 template; legacy: the label). */
  caption: z.object({ row: z.string(), column: z.string() }).optional(),
  /** False for a template field whose cell was not found in the document (value null, raw ''): not a blank. */
  found: z.boolean(),
  /** The cell's first reading, where its second reading is the value (it satisfies an identity the first broke): under
   * review until a person settles it, and never confirmed in bulk (the identity chose the value, so cannot vouch
   * for it). */
  firstReading: z.string().optional(),
  /** Set when a reviewer corrected or confirmed the field: who, when and what was there before. */
  review: z
    .object({
      by: z.string(),
      at: z.string(),
      previous: z.object({ value: z.number().nullable(), raw: z.string() }),
    })
    .optional(),
  /** In the API's answers only (never stored): the entity tag of the field's state, for a review's If-Match. */
  etag: z.string().optional(),
});
export type Field = z.infer<typeof fieldSchema>;

/** A table cell as reported: the table stage's cell with its review flag, without the reading details. */
export const reportCellSchema = cellSchema
  .pick({ row: true, col: true, rowSpan: true, colSpan: true, text: true, confidence: true, page: true, bbox: true })
  .extend({
    needsReview: z.boolean(),
    /** What the cell holds as printed (shared/domain/numbers.ts valueTypeOf); absent in reports made before. */
    valueType: z.enum(['empty', 'integer', 'decimal', 'percentage', 'currency', 'text']).optional(),
    /** Why the cell's place in the grid is in doubt (rulings that did not close, a span inferred from its text). */
    structureDoubt: z.string().optional(),
  });
export type ReportCell = z.infer<typeof reportCellSchema>;

export const reportTableSchema = z.object({
  id: z.string(),
  /** Template table this grid was recognised as (activeDisclosure, applications, ...), or null. */
  name: z.string().nullable(),
  pages: z.array(z.number().int().positive()),
  cells: z.array(reportCellSchema),
});
export type ReportTable = z.infer<typeof reportTableSchema>;

export const checkSchema = z.object({
  /** Identity id, e.g. applications.balance.total. */
  id: z.string(),
  /** The identity in words: left = right. */
  description: z.string(),
  left: z.array(z.string()),
  right: z.array(z.string()),
  /** The sides' sums; null while a term is missing. */
  leftValue: z.number().nullable(),
  rightValue: z.number().nullable(),
  /** ok: the sides agree; broken: they do not; unknown: a term is missing (not found, or not a number). */
  status: z.enum(['ok', 'broken', 'unknown']),
  /** status === 'ok'. */
  ok: z.boolean(),
  /** The missing terms of an unknown check. */
  missing: z.array(z.string()),
});
export type Check = z.infer<typeof checkSchema>;

export const pageInfoSchema = z.object({
  page: z.number().int().positive(),
  source: z.enum(['text-layer', 'ocr', 'failed']),
  failure: z.string().optional(),
  skewDegrees: z.number(),
  rotation: z.number(),
  /** A page with nothing to read (a blank separator sheet). */
  blank: z.boolean().optional(),
  /** Why the page's tables are missing, when the table stage gave up on it. */
  tablesFailure: z.string().optional(),
  /** A scanned page's stroke, ruling and glyph sizes in points, as measured (what its thresholds followed). */
  geometry: pageGeometrySchema.optional(),
});

/** The document's verdict on itself: a report that is not whole says so here, with the reasons. */
export const qualitySchema = z.object({
  /** ok: template found, its fields found, identities and pages as expected; else a person must look. */
  status: z.enum(['ok', 'needs-attention']),
  /** What a person must look at, in words; empty when status is ok. */
  problems: z.array(z.string()),
  templateFound: z.boolean(),
  fieldsExpected: z.number().int().nonnegative(),
  fieldsFound: z.number().int().nonnegative(),
  /** Identities whose terms were all found (ok or broken); those with a missing term are counted apart. */
  identitiesChecked: z.number().int().nonnegative(),
  identitiesSatisfied: z.number().int().nonnegative(),
  identitiesUnknown: z.number().int().nonnegative(),
  pagesTotal: z.number().int().nonnegative(),
  pagesRead: z.number().int().nonnegative(),
  /** Pages with nothing on them (separator sheets). */
  pagesBlank: z.number().int().nonnegative(),
  /** Mean OCR confidence of the prose read from images, weighted by characters; null with none read (absent in
   * reports made before it was measured). */
  proseConfidence: z.number().min(0).max(1).nullable().optional(),
});
export type Quality = z.infer<typeof qualitySchema>;

/** Where people stand with the report: fields still flagged, fields a person set or confirmed. */
export const reportReviewSchema = z.object({
  /** not-needed: nothing was flagged; pending: fields are flagged; reviewed: every flag settled by a person. */
  status: z.enum(['not-needed', 'pending', 'reviewed']),
  flagged: z.number().int().nonnegative(),
  reviewed: z.number().int().nonnegative(),
});
export type ReportReview = z.infer<typeof reportReviewSchema>;

export const reportSchema = z.object({
  documentId: z.string(),
  source: z.object({ filename: z.string(), sha256: z.string(), pages: z.number().int().nonnegative() }),
  template: templateSchema,
  agency: z.string().nullable(),
  year: z.number().int().nullable(),
  fields: z.record(z.string(), fieldSchema),
  tables: z.array(reportTableSchema),
  text: z.string(),
  checks: z.array(checkSchema),
  pages: z.array(pageInfoSchema),
  quality: qualitySchema,
  review: reportReviewSchema,
});
export type Report = z.infer<typeof reportSchema>;
