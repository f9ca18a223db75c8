// Files in GridFS: original PDFs and upright page images, addressed by ids derived from their content or page.
// A write cut half-way (the process killed, the database or broker lost mid-file) leaves chunks and no entry:
// a rewrite deletes chunks by `files_id` first, so such a file never blocks its retry (before: E11000 on
// files.chunks for ever), and the orphan sweep (orphan-files.ts) clears those never rewritten.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from './database';

/** Stores `bytes` under `id`, replacing any earlier file with that id (a redelivered page rewrites its image). */
export async function putFile(
  database: Database,
  id: string,
  filename: string,
  bytes: Buffer,
  metadata: Record<string, unknown>,
): Promise<void> {
  await putFileFrom(database, id, filename, Readable.from([bytes]), metadata);
}

/** Stores what `source` yields under `id`, chunk by chunk (a large upload is never held in memory whole), replacing
 * any earlier file, whole or half-written. The write is marked begun until its entry is in, for the orphan sweep. */
export async function putFileFrom(
  database: Database,
  id: string,
  filename: string,
  source: Readable,
  metadata: Record<string, unknown>,
): Promise<void> {
  await database.fileWrites.updateOne({ _id: id }, { $set: { startedAt: new Date() } }, { upsert: true });
  await deleteFile(database, id);
  await pipeline(source, database.files.openUploadStreamWithId(id as never, filename, { metadata }));
  await database.fileWrites.deleteOne({ _id: id });
}

/** Reads a whole file, or undefined if there is none with that id (chunks without an entry are no file). */
export async function getFile(database: Database, id: string): Promise<Buffer | undefined> {
  const found = await database.fileEntries.find({ _id: id }).limit(1).toArray();
  if (found.length === 0) {
    return undefined;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of database.files.openDownloadStream(id as never)) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Deletes the file's entry, then every chunk with its id, whether or not the entry was there; returns the chunks
 * deleted. */
export async function deleteFile(database: Database, id: string): Promise<number> {
  // The entry first: a reader then sees no file, never an entry whose chunks are going.
  await database.fileEntries.deleteOne({ _id: id });
  return (await database.fileChunks.deleteMany({ files_id: id })).deletedCount;
}
