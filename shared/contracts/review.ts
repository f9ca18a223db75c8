// A reviewer's correction of one field, kept with who, when, the old and the new value.
import { z } from 'zod';
import type { Field } from './report';

/** A correction as sent; the reviewer is the logged-in user. */
export const reviewInputSchema = z.object({
  /** The corrected value as printed; blank for an empty cell. */
  raw: z.string().max(200),
  comment: z.string().max(2000).optional(),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export interface ReviewRecord {
  _id: string;
  documentId: string;
  field: string;
  reviewer: string;
  at: Date;
  old: { value: number | null; raw: string };
  new: { value: number | null; raw: string };
  comment?: string;
  /** Set on the records of one bulk confirmation (a table's flagged fields whose identities hold): its id. */
  batch?: string;
  /** A bulk confirmation's field as it stood before, so that an undo can put it back (flag, confidence, reasons). */
  before?: Field;
  /** When the bulk confirmation was undone: the record stays in the history and is no longer applied. */
  undoneAt?: Date;
}
