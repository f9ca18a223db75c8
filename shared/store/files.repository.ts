// Files in GridFS: original PDFs and upright page images, addressed by ids derived from their content or page.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from './database';

/** Stores `bytes` under `id`, replacing any earlier file with that id (a redelivered page rewrites its image). */
export async function putFile(database: Database, id: string, filename: string, bytes: Buffer, metadata: Record<string, unknown>): Promise<void> {
  await putFileFrom(database, id, filename, Readable.from([bytes]), metadata);
}

/** Stores what `source` yields under `id`, chunk by chunk (a large upload is never held in memory whole), replacing any earlier file. */
export async function putFileFrom(database: Database, id: string, filename: string, source: Readable, metadata: Record<string, unknown>): Promise<void> {
  await deleteFile(database, id);
  await pipeline(source, database.files.openUploadStreamWithId(id as never, filename, { metadata }));
}

/** Reads a whole file, or undefined if there is none with that id. */
export async function getFile(database: Database, id: string): Promise<Buffer | undefined> {
  const found = await database.files.find({ _id: id as never }).limit(1).toArray();
  if (found.length === 0) {
    return undefined;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of database.files.openDownloadStream(id as never)) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function deleteFile(database: Database, id: string): Promise<void> {
  const found = await database.files.find({ _id: id as never }).limit(1).toArray();
  if (found.length > 0) {
    await database.files.delete(id as never);
  }
}
