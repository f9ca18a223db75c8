// Stored records are the contract between stages: each is parsed with its schema when read, and one that breaks
// it is a StoredRecordError naming its collection and id (a permanent error: dead-lettered, the document flagged or
// failed), never a value that fails far from where it was read.
import type { ZodType, ZodTypeDef } from 'zod';
import { StoredRecordError } from '../errors/errors';

/** `record` as `schema` has it (keys the schema does not name, `_id` of page records and reports among them, left
 * out), or StoredRecordError naming it and what is wrong. */
export function checked<T>(
  collection: string,
  record: { _id: string } & Record<string, unknown>,
  schema: ZodType<T, ZodTypeDef, unknown>,
): T {
  const parsed = schema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoredRecordError(collection, record._id, `${issue.path.join('.') || 'the record'}: ${issue.message}`);
  }
  return parsed.data;
}
