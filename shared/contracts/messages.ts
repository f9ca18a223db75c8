// Every message type, defined once: a zod schema per routing key, an envelope validated on publish and consume.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const documentRef = z.object({ documentId: z.string().min(1) });
const pageRef = documentRef.extend({ page: z.number().int().positive() });
const failure = documentRef.extend({ reason: z.string(), retry: z.string() });

/** Routing key -> payload schema. */
export const catalog = {
  /** Upload stored a new PDF; the OCR service fans it out into pages. */
  'upload.document.received': documentRef.extend({ pages: z.number().int().positive() }),
  /** One page to recognise. */
  'ocr.page.requested': pageRef,
  /** A page's words and rulings are stored (or the page failed for good: `failed`). */
  'ocr.page.recognised': pageRef.extend({ failed: z.boolean() }),
  /** Every page's tables are stored; the document can be assembled. */
  'tables.document.extracted': documentRef,
  /** Public: the report is stored. Downstream systems bind their own queue to it (README, "Events"). */
  'normalisation.document.completed': documentRef.extend({
    /** done: the report is whole; needs-attention: read, but a person must look (`problems`). */
    status: z.enum(['done', 'needs-attention']),
    filename: z.string(),
    template: z.string().nullable(),
    agency: z.string().nullable(),
    year: z.number().int().nullable(),
    problems: z.array(z.string()),
    /** Fields flagged for review. */
    flagged: z.number().int().nonnegative(),
    /** The report's address in the API. */
    report: z.string(),
  }),
  /** Public: the document could not be split into pages; `POST retry` reads it again. */
  'ocr.document.failed': failure,
  /** Public: the report could not be assembled; `POST retry` reads it again. */
  'normalisation.document.failed': failure,
} as const;

export type MessageType = keyof typeof catalog;
export type Payload<T extends MessageType> = z.infer<(typeof catalog)[T]>;

export const envelopeSchema = z.object({
  type: z.enum(Object.keys(catalog) as [MessageType, ...MessageType[]]),
  version: z.literal(1),
  messageId: z.string().min(1),
  documentId: z.string().min(1),
  payload: z.unknown(),
});

export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  version: 1;
  messageId: string;
  documentId: string;
  payload: Payload<T>;
}

/** Thrown when a message does not match its contract; such a message is dead-lettered, never retried. */
export class InvalidMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

/** Builds a validated envelope; the message id is derived from the input when given, so re-sends dedupe. */
export function envelope<T extends MessageType>(
  type: T,
  payload: Payload<T>,
  messageId: string = randomUUID(),
): Envelope<T> {
  const parsed = catalog[type].safeParse(payload);
  if (!parsed.success) {
    throw new InvalidMessageError(`invalid ${type} payload: ${parsed.error.message}`);
  }
  const data = parsed.data as Payload<T>;
  return { type, version: 1, messageId, documentId: data.documentId, payload: data };
}

/** Parses raw bytes from the broker into a typed envelope, or throws InvalidMessageError. */
export function parseEnvelope(body: Buffer): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new InvalidMessageError('message body is not JSON');
  }
  const outer = envelopeSchema.safeParse(json);
  if (!outer.success) {
    throw new InvalidMessageError(`invalid envelope: ${outer.error.message}`);
  }
  const inner = catalog[outer.data.type].safeParse(outer.data.payload);
  if (!inner.success) {
    throw new InvalidMessageError(`invalid ${outer.data.type} payload: ${inner.error.message}`);
  }
  return { ...outer.data, payload: inner.data };
}
