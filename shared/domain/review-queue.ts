// The review queue as stored: per document with flagged fields, a small summary (how many, how doubtful, by section
// and reason) and the list of its flagged fields. The queue is read document by document, most doubtful document
// first and its fields most doubtful first: a page is found from the summaries alone and only the documents it
// shows are read, so its cost does not grow with the fields pending (FerretDB sorts nothing by index: a sort over
// 100 000 fields took 14 s there; equality on an _id answers at once).
import { z } from 'zod';
import { type Field, fieldSchema } from '../contracts/report';

/** Why a field is flagged, in kinds a filter and a caption can name (the reasons themselves are sentences). */
export const REASON_KINDS = ['not-found', 'not-a-number', 'identity', 'low-confidence', 'other'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** The kind of a field's doubt from its reasons, as the normalisation stage words them (evidence.ts). */
export function reasonKind(field: Pick<Field, 'found' | 'reasons'>): ReasonKind {
  const text = field.reasons.join(' ');
  if (!field.found) {
    return 'not-found';
  }
  if (/is not a number/.test(text)) {
    return 'not-a-number';
  }
  if (/violate|identit/.test(text)) {
    return 'identity';
  }
  return /confidence/.test(text) ? 'low-confidence' : 'other';
}

/** The table (section) of a field: its key's first part. */
export const sectionOf = (key: string) => key.split('.')[0];

const reasonKindSchema = z.enum(REASON_KINDS);

/** An optional part of a stored record, read as absent where it was stored as null. */
const absentAsNull = <T extends z.ZodTypeAny>(optional: z.ZodOptional<T>) =>
  optional
    .unwrap()
    .nullish()
    .transform((v): z.infer<T> | undefined => v ?? undefined);

/** A flagged field as the queue keeps it (written by normalisation and reviews, read by the desk). */
export const queueEntrySchema = z.object({
  key: z.string(),
  section: z.string(),
  reason: reasonKindSchema,
  field: fieldSchema.pick({ value: true, raw: true, confidence: true, reasons: true, page: true, bbox: true }).extend({
    // Written as null where the field had none by the versions before entries were written without them.
    caption: absentAsNull(fieldSchema.shape.caption),
    suggestion: absentAsNull(fieldSchema.shape.suggestion),
  }),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

const groupSchema = z.object({ n: z.number().int().nonnegative(), min: z.number() });

/** A document's place in the queue: how many fields, and the least confidence, per section and reason. */
export const queueSummarySchema = z.object({
  _id: z.string(),
  filename: z.string(),
  min: z.number(),
  fields: z.number().int().nonnegative(),
  // Reasons by any name: a summary written by a newer version, with a kind this one does not know, still reads.
  groups: z.record(z.string(), z.record(z.string(), groupSchema)),
});
export type QueueSummary = z.infer<typeof queueSummarySchema>;

/** A document's flagged fields, as stored beside its summary. */
export const queueFieldsSchema = z.object({ _id: z.string(), entries: z.array(queueEntrySchema) });

/** The flagged fields of a report, most doubtful first (by key among equals). */
export function queueEntries(fields: Record<string, Field>): QueueEntry[] {
  return Object.entries(fields)
    .filter(([, f]) => f.needsReview)
    .map(([key, f]) => ({
      key,
      section: sectionOf(key),
      reason: reasonKind(f),
      field: {
        value: f.value,
        raw: f.raw,
        confidence: f.confidence,
        reasons: f.reasons,
        page: f.page,
        bbox: f.bbox,
        // Left out, not stored as null, where the field has none.
        ...(f.caption ? { caption: f.caption } : {}),
        ...(f.suggestion ? { suggestion: f.suggestion } : {}),
      },
    }))
    .sort((a, b) => a.field.confidence - b.field.confidence || a.key.localeCompare(b.key));
}

export function queueSummary(documentId: string, filename: string, entries: readonly QueueEntry[]): QueueSummary {
  const groups: QueueSummary['groups'] = {};
  for (const e of entries) {
    const bySection = (groups[e.section] ??= {});
    const group = bySection[e.reason] ?? { n: 0, min: 1 };
    bySection[e.reason] = { n: group.n + 1, min: Math.min(group.min, e.field.confidence) };
  }
  return {
    _id: documentId,
    filename,
    min: Math.min(1, ...entries.map((e) => e.field.confidence)),
    fields: entries.length,
    groups,
  };
}

export interface QueueFilter {
  section?: string;
  reason?: ReasonKind;
}

/** A summary's fields under the filter, and the least confidence among them. */
export function matching(summary: QueueSummary, filter: QueueFilter): { n: number; min: number } {
  let n = 0;
  let min = 1;
  for (const [section, reasons] of Object.entries(summary.groups)) {
    for (const [reason, group] of Object.entries(reasons)) {
      if ((!filter.section || filter.section === section) && (!filter.reason || filter.reason === reason) && group) {
        n += group.n;
        min = Math.min(min, group.min);
      }
    }
  }
  return { n, min };
}

/**
 * Which documents a page of the queue draws from: documents in order (most doubtful first, by id among equals),
 * each with the slice of its matching fields the page shows; and the totals.
 */
export function planPage(summaries: readonly QueueSummary[], filter: QueueFilter, offset: number, limit: number) {
  const ranked = summaries
    .map((s) => ({ s, ...matching(s, filter) }))
    .filter((r) => r.n > 0)
    .sort((a, b) => a.min - b.min || a.s._id.localeCompare(b.s._id));
  const plan: { documentId: string; filename: string; from: number; to: number }[] = [];
  let start = 0;
  for (const r of ranked) {
    const from = Math.max(offset - start, 0);
    const to = Math.min(offset + limit - start, r.n);
    if (from < to) {
      plan.push({ documentId: r.s._id, filename: r.s.filename, from, to });
    }
    start += r.n;
  }
  return { plan, fields: start, documents: ranked.length };
}
