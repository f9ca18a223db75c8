// A reviewer's correction of one field, kept with who, when, the old and the new value.
import { z } from 'zod';
import { fieldSchema } from './report';

/** A correction as sent; the reviewer is the logged-in user. */
export const reviewInputSchema = z.object({
  /** The corrected value as printed; blank for an empty cell. */
  raw: z.string().max(200),
  comment: z.string().max(2000).optional(),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

const reviewedValueSchema = z.object({ value: z.number().nullable(), raw: z.string() });

/** A correction as stored, checked on every read (shared/store/checked-record.ts). */
export const reviewRecordSchema = z.object({
  _id: z.string(),
  documentId: z.string(),
  field: z.string(),
  reviewer: z.string(),
  at: z.date(),
  old: reviewedValueSchema,
  new: reviewedValueSchema,
  comment: z.string().optional(),
  /** Set on the records of one bulk confirmation (a table's flagged fields whose identities hold): its id. */
  batch: z.string().optional(),
  /** A bulk confirmation's field as it stood before, so that an undo can put it back (flag, confidence, reasons). */
  before: fieldSchema.optional(),
  /** When the bulk confirmation was undone: the record stays in the history and is no longer applied. */
  undoneAt: z.date().optional(),
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

/** A reviewer's hold on a document open in their desk, `_id` the document's (review-claims.repository.ts). */
export const claimRecordSchema = z.object({ _id: z.string(), reviewer: z.string(), expiresAt: z.date() });
export type ClaimRecord = z.infer<typeof claimRecordSchema>;
