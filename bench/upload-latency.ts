// `npm run bench:upload`: how long an upload takes to be answered while OCR runs. The services as processes on this
// machine (one upload service, one worker per stage, OCR with its default Tesseract workers, one per core), in a
// namespace of their own on the configured broker and database, holding UPLOAD_ARCHIVE_FILES page images already
// (255 kB each, GridFS's chunk, 500 by default: an archive is never empty, and on FerretDB without the GIN twins of
// deploy/local/ferretdb-indexes.sql every lookup of a file scanned them all). First UPLOAD_SAMPLES uploads with the workers idle,
// then UPLOAD_LOAD_SCANS scanned reports to keep OCR busy and the same number of uploads again, one at a time, each a
// distinct copy of a born-digital corpus report (the size an archivist drops). Prints the answer times (median, 90th
// percentile, max) of both, and of the document list (GET /api/documents) beside them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../shared/config/config';
import { Binary } from 'mongodb';
import { STACK_ADMIN, adminBasic, apiKeyOf } from '../harness/credentials';
import { serviceStack } from '../harness/service-processes';
import { REPORTS, sharedRoot } from './scan-conditions';

const SAMPLES = Number(process.env.UPLOAD_SAMPLES ?? 10);
const LOAD_SCANS = Number(process.env.UPLOAD_LOAD_SCANS ?? 3);
const ARCHIVE_FILES = Number(process.env.UPLOAD_ARCHIVE_FILES ?? 500);
const CHUNK_BYTES = 255 * 1024;

const quantiles = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]);
  return { median: at(0.5), p90: at(0.9), max: Math.round(s[s.length - 1]) };
};

async function main(): Promise<void> {
  const id = randomUUID().slice(0, 8);
  const config = {
    ...loadConfig(),
    QUEUE_PREFIX: `upload-bench-${id}`,
    MONGODB_DB: `upload_bench_${id}`,
    HTTP_PORT: 0,
    UPLOADS_PER_MINUTE: 100_000,
    ...STACK_ADMIN,
  };
  const stack = await serviceStack(config);
  const { start, database } = stack;
  try {
    // Written as the driver writes a file of one full chunk, in batches (putFile one by one is what is measured).
    const chunk = new Binary(Buffer.alloc(CHUNK_BYTES, 1));
    for (let from = 0; from < ARCHIVE_FILES; from += 20) {
      const ids = Array.from({ length: Math.min(20, ARCHIVE_FILES - from) }, (_, k) => `archive-${from + k}:1`);
      await database.fileEntries.insertMany(
        ids.map((fileId) => ({
          _id: fileId,
          length: CHUNK_BYTES,
          chunkSize: CHUNK_BYTES,
          uploadDate: new Date(),
          filename: 'page-1.png',
        })),
      );
      await database.fileChunks.insertMany(ids.map((fileId) => ({ files_id: fileId, n: 0, data: chunk })) as never[]);
    }
    const upload = await start('upload');
    for (const stage of ['ocr', 'table-extraction', 'normalisation'] as const) {
      await start(stage);
    }
    const api = `http://127.0.0.1:${upload.port}`;
    const authorization = `Token ${await apiKeyOf(api, adminBasic())}`;
    const digital = REPORTS.map((r) => readFileSync(path.join(sharedRoot(), 'corpus', `${r}.digital.pdf`)));
    const scans = REPORTS.map((r) => readFileSync(path.join(sharedRoot(), 'corpus', `${r}.scan.pdf`)));
    let n = 0;
    const post = async (bytes: Buffer, name: string) => {
      const body = new FormData();
      body.append('file', new Blob([bytes, `\n%upload bench ${id} ${n++}\n`]), name);
      const t = performance.now();
      const res = await fetch(`${api}/api/documents`, { method: 'POST', body, headers: { authorization } });
      await res.arrayBuffer();
      if (res.status !== 201) {
        throw new Error(`upload answered ${res.status}`);
      }
      return performance.now() - t;
    };
    const list = async () => {
      const t = performance.now();
      await (await fetch(`${api}/api/documents`, { headers: { authorization } })).arrayBuffer();
      return performance.now() - t;
    };
    const measure = async () => {
      const uploads: number[] = [];
      const lists: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        uploads.push(await post(digital[i % digital.length], `digital-${i}.pdf`));
        lists.push(await list());
      }
      return { upload: quantiles(uploads), list: quantiles(lists) };
    };
    // The idle uploads' own documents are digital: read in seconds, they are done before the load starts.
    const idle = await measure();
    await new Promise((r) => setTimeout(r, 20000));
    for (let i = 0; i < LOAD_SCANS; i += 1) {
      await post(scans[i % scans.length], `scan-${i}.pdf`);
    }
    // Into the OCR of the scans.
    await new Promise((r) => setTimeout(r, 15000));
    const busy = await measure();
    const ocrBusy = await database.documents.countDocuments({
      status: { $nin: ['done', 'needs-attention', 'failed'] },
    });
    console.log(
      JSON.stringify(
        {
          when: new Date().toISOString(),
          database: config.MONGODB_URL,
          archiveFiles: ARCHIVE_FILES,
          samples: SAMPLES,
          idleMs: idle,
          whileOcrRunsMs: busy,
          documentsStillInFlightAtTheEnd: ocrBusy,
        },
        null,
        2,
      ),
    );
  } finally {
    await stack.tearDown();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
