// Files in GridFS: original PDFs and upright page images, addressed by ids derived from their content or page.
import type { Database } from './database';

/** Stores `bytes` under `id`, replacing any earlier file with that id (a redelivered page rewrites its image). */
export async function putFile(database: Database, id: string, filename: string, bytes: Buffer, metadata: Record<string, unknown>): Promise<void> {
  await deleteFile(database, id);
  await new Promise<void>((resolve, reject) => {
    const stream = database.files.openUploadStreamWithId(id as never, filename, { metadata });
    stream.on('finish', () => resolve()).on('error', reject);
    stream.end(bytes);
  });
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
