// The orphan sweep: chunks of a file whose write never finished and was never tried again (its page failed for
// good, an upload died mid-file), and files whose document was never recorded (an upload died between storing
// its PDF and recording it). Chunks are found through the writes marked begun (files.repository.ts), never by
// scanning files.chunks: on FerretDB a scan reads every chunk's bytes.
import type { Database } from './database';
import { deleteFile } from './files.repository';

export interface OrphansRemoved {
  /** Chunks removed, of files never finished or without a document. */
  chunks: number;
  /** File entries removed (their document does not exist). */
  files: number;
}

/** Removes orphans left at least `graceMs` ago; a write younger than that may still be going on. */
export async function removeOrphanFiles(database: Database, graceMs: number): Promise<OrphansRemoved> {
  const cutoff = new Date(Date.now() - graceMs);
  const removed: OrphansRemoved = { chunks: 0, files: 0 };
  for (const write of await database.fileWrites.find({ startedAt: { $lt: cutoff } }).toArray()) {
    if (!(await database.fileEntries.findOne({ _id: write._id }, { projection: { _id: 1 } }))) {
      removed.chunks += (await database.fileChunks.deleteMany({ files_id: write._id })).deletedCount;
    }
    // Only this marker: a write of the same file begun since has marked it anew.
    await database.fileWrites.deleteOne({ _id: write._id, startedAt: write.startedAt });
  }
  const documents = new Set(
    (await database.documents.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
  );
  const entries = await database.fileEntries
    .find({ uploadDate: { $lt: cutoff } }, { projection: { _id: 1, metadata: 1 } })
    .toArray();
  for (const entry of entries) {
    const owner = entry.metadata?.documentId;
    if (owner !== undefined && !documents.has(owner)) {
      removed.chunks += await deleteFile(database, entry._id);
      removed.files += 1;
    }
  }
  return removed;
}
