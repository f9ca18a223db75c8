// `npm run soak`: many distinct documents through the real services, as processes, on this machine (loopback
// only): one upload service and two workers per stage. Corpus PDFs are made distinct by a comment after %%EOF and
// uploaded concurrently over HTTP. Checks that every document completes, none is lost or duplicated, and no page
// is read twice by OCR or by the table stage (from the services' log lines); prints documents and pages per
// minute, queue depths over time and peak RSS per service. Writes bench/results/soak.json.
// SOAK_DOCS (default 200), SOAK_KIND=digital|scan|mixed (default digital: text-layer PDFs, so 200 documents take
// minutes, not hours), SOAK_TIMEOUT_MIN (default 60) bound it.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../shared/config/config';
import { queues } from '../shared/broker/topology';
import { STACK_ADMIN, adminBasic, apiKeyOf } from '../harness/credentials';
import { queueDepth } from '../harness/namespace';
import { Stage, serviceStack } from '../harness/service-processes';
import { REPORTS, sharedRoot } from './scan-conditions';

const DOCS = Number(process.env.SOAK_DOCS ?? 200);
const KIND = process.env.SOAK_KIND ?? 'digital';
const TIMEOUT_MS = Number(process.env.SOAK_TIMEOUT_MIN ?? 60) * 60_000;
// Uploads in flight at once: an archivist's browser or script sends a handful at a time.
const UPLOADS_AT_ONCE = 8;
const SAMPLE_EVERY_MS = 5000;

async function main(): Promise<void> {
  const id = randomUUID().slice(0, 8);
  const config = {
    ...loadConfig(),
    QUEUE_PREFIX: `soak-${id}`,
    MONGODB_DB: `soak_${id}`,
    HTTP_PORT: 0,
    OCR_WORKERS: 1,
    UPLOADS_PER_MINUTE: 100_000,
    ...STACK_ADMIN,
  };
  const stack = await serviceStack(config);
  const { start, database, services } = stack;
  try {
    const upload = await start('upload');
    for (const stage of [
      'ocr',
      'ocr',
      'table-extraction',
      'table-extraction',
      'normalisation',
      'normalisation',
    ] as const) {
      await start(stage);
    }
    const api = `http://127.0.0.1:${upload.port}`;
    const authorization = `Token ${await apiKeyOf(api, adminBasic())}`;
    const kinds = KIND === 'mixed' ? ['digital', 'scan'] : [KIND];
    const sources = REPORTS.flatMap((r) => kinds.map((k) => path.join(sharedRoot(), 'corpus', `${r}.${k}.pdf`))).map(
      (f) => ({ name: path.basename(f), bytes: readFileSync(f) }),
    );

    const started = Date.now();
    const samples: { s: number; depths: Record<string, number> }[] = [];
    const sampler = setInterval(() => {
      void Promise.all(
        Object.entries(queues).map(async ([name, spec]) => [name, (await queueDepth(config, spec)).ready] as const),
      )
        .then((d) => samples.push({ s: Math.round((Date.now() - started) / 1000), depths: Object.fromEntries(d) }))
        .catch(() => undefined);
      services.forEach((s) => s.peakRssMb());
    }, SAMPLE_EVERY_MS);

    const ids: string[] = [];
    let next = 0;
    const uploader = async () => {
      while (next < DOCS) {
        const n = next;
        next += 1;
        const source = sources[n % sources.length];
        const body = new FormData();
        body.append('file', new Blob([source.bytes, `\n%soak copy ${n}\n`]), `${n}-${source.name}`);
        const res = await fetch(`${api}/api/documents`, { method: 'POST', body, headers: { authorization } });
        if (res.status !== 201) {
          throw new Error(`upload ${n} answered ${res.status}: ${await res.text()}`);
        }
        ids.push(((await res.json()) as { id: string }).id);
      }
    };
    await Promise.all(Array.from({ length: UPLOADS_AT_ONCE }, uploader));
    const uploadedS = (Date.now() - started) / 1000;

    let finished = 0;
    while (Date.now() - started < TIMEOUT_MS) {
      finished = await database.documents.countDocuments({
        _id: { $in: ids },
        status: { $in: ['done', 'needs-attention', 'failed'] },
      });
      if (finished === ids.length) {
        break;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
    clearInterval(sampler);
    const elapsedMin = (Date.now() - started) / 60000;
    const docs = await database.documents.find({ _id: { $in: ids } }).toArray();
    const pages = docs.reduce((n, d) => n + d.pages, 0);
    const byStatus = docs.reduce<Record<string, number>>(
      (acc, d) => ({ ...acc, [d.status]: (acc[d.status] ?? 0) + 1 }),
      {},
    );
    const reads = (stage: Stage, msg: string) => {
      const counts = new Map<string, number>();
      services
        .filter((s) => s.stage === stage)
        .flatMap((s) => s.lines)
        .filter((l) => l.msg === msg)
        .forEach((l) => counts.set(`${l.documentId}:${l.page}`, (counts.get(`${l.documentId}:${l.page}`) ?? 0) + 1));
      return { distinct: counts.size, readTwice: [...counts.values()].filter((c) => c > 1).length };
    };
    const dead = (await Promise.all(Object.values(queues).map((q) => queueDepth(config, q)))).reduce(
      (n, d) => n + d.dead,
      0,
    );
    const result = {
      when: new Date().toISOString(),
      kind: KIND,
      documents: DOCS,
      uploaded: ids.length,
      distinctIds: new Set(ids).size,
      recorded: docs.length,
      finished,
      byStatus,
      pages,
      uploadSeconds: Math.round(uploadedS),
      minutes: Number(elapsedMin.toFixed(2)),
      documentsPerMinute: Number((finished / elapsedMin).toFixed(1)),
      pagesPerMinute: Number((pages / elapsedMin).toFixed(1)),
      ocr: reads('ocr', 'page stored'),
      tables: reads('table-extraction', 'page tables stored'),
      deadLetters: dead,
      peakRssMb: Object.fromEntries(services.map((s, i) => [`${s.stage}#${i}`, Math.round(s.peakRssMb())])),
      queueDepths: samples,
    };
    const { queueDepths, ...summary } = result;
    console.log(JSON.stringify(summary, null, 2));
    console.log('queue depths (ready) over time, seconds: split recognise extract assemble');
    for (const s of queueDepths.filter((_, i) => i % Math.max(1, Math.round(queueDepths.length / 20)) === 0)) {
      console.log(
        `  ${String(s.s).padStart(5)}  ${Object.values(s.depths)
          .map((d) => String(d).padStart(5))
          .join(' ')}`,
      );
    }
    await mkdir(path.join(__dirname, '../../bench/results'), { recursive: true });
    await writeFile(path.join(__dirname, '../../bench/results/soak.json'), JSON.stringify(result, null, 2));
    const ok =
      finished === DOCS &&
      docs.length === DOCS &&
      result.distinctIds === DOCS &&
      result.ocr.readTwice === 0 &&
      result.tables.readTwice === 0 &&
      dead === 0;
    console.log(
      ok ? 'soak passed: every document finished, none lost or duplicated, no page read twice' : 'soak FAILED',
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await stack.tearDown();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
