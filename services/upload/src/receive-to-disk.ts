// Receiving an upload: the file part is written to a temporary file and hashed in the same pass, so it is never
// held in memory whole and is read once on the way in. multer calls `_removeFile` for a part that failed or was
// cut off by the size limit; the route removes the file once the upload is handled.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type multer from 'multer';

/** What the storage adds to multer's file: where the part was written, and its SHA-256 in hex. */
export interface ReceivedPart {
  path: string;
  size: number;
  sha256: string;
}

export function hashingDiskStorage(directory: string): multer.StorageEngine {
  return {
    _handleFile(_req, file, callback) {
      const target = path.join(directory, `docpipe-upload-${randomUUID()}`);
      const hash = createHash('sha256');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      pipeline(file.stream, measure, createWriteStream(target)).then(
        () =>
          callback(null, {
            path: target,
            size,
            sha256: hash.digest('hex'),
          } satisfies ReceivedPart as Partial<Express.Multer.File>),
        (error: unknown) => {
          void rm(target, { force: true }).finally(() => callback(error));
        },
      );
    },
    _removeFile(_req, file, callback) {
      rm(file.path, { force: true }).then(() => callback(null), callback);
    },
  };
}
