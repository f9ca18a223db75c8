// The harness the fault tests share (crash, outage, outage-long): the services run as processes, those stopped are
// kept with their log lines (what they did still counts), distinct copies of a scanned report (pdfs.ts shortScan) are
// uploaded and awaited, and a report is compared by what its reader gets.
import { queues } from '../../shared/broker/topology';
import type { Config } from '../../shared/config/config';
import type { Report } from '../../shared/contracts/report';
import { Client, asAdmin } from './auth';
import type { Database } from '../../shared/store/database';
import { queueDepth } from '../../harness/namespace';
import { eventually } from './namespace';
import { ServiceProcess, Stage, startProcess } from '../../harness/service-processes';
import { shortScan } from './pdfs';

/** What a reader of the report gets: template, every field's value and flag, every cell's text, the quality. */
export const essence = (report: Report) => ({
  template: report.template,
  fields: Object.fromEntries(Object.entries(report.fields).map(([k, f]) => [k, [f.value, f.raw, f.needsReview]])),
  cells: report.tables.map((t) => t.cells.map((c) => c.text)),
  quality: report.quality.status,
});
export type Essence = ReturnType<typeof essence>;

/** Page numbers 1..pages, each counted once. */
export const everyPageOnce = (pages: number) => new Map(Array.from({ length: pages }, (_, i) => [i + 1, 1]));

/** GridFS chunks whose file has no entry (a write cut half-way and never cleared). */
export async function orphanChunks(database: Database): Promise<number> {
  const entries = new Set(
    (await database.fileEntries.find({}, { projection: { _id: 1 } }).toArray()).map((e) => e._id),
  );
  return (await database.fileChunks.distinct('files_id')).filter((id) => !entries.has(id)).length;
}

export interface FaultRunOptions {
  /** Marks this suite's copies (a comment after %%EOF): `%<tag> <name>`. */
  tag: string;
  /** The configuration a stage's process starts with (a relay of its own, say). */
  configFor: (stage: Stage) => Config;
  /** How long a document may take to finish. */
  finishMs: number;
}

export interface FaultRun {
  running: ServiceProcess[];
  retired: ServiceProcess[];
  /** The admin client of the upload service, once `startAll` has run. */
  client: () => Client;
  start: (stage: Stage) => Promise<ServiceProcess & { port?: number }>;
  /** The running process of `stage` (the first, if several). */
  the: (stage: Stage) => ServiceProcess;
  /** Moves a process that is gone (or going) from the running to the retired, whose log lines still count. */
  retire: (service: ServiceProcess) => void;
  upload: (name: string) => Promise<string>;
  finished: (id: string) => Promise<{ status: string; report: Report }>;
  /** Log lines about `id` with message `msg` of `stage`'s processes (every stage's if undefined), dead or alive. */
  linesOf: (stage: Stage | undefined, id: string, msg: string) => ServiceProcess['lines'];
  /** How often each page of `id` was logged with `msg` by `stage`'s processes, dead or alive. */
  perPage: (stage: Stage, msg: string, id: string) => Map<number, number>;
  /** The document finished as if nothing had happened: done, the undisturbed report, each page stored once by OCR
   * and once by the table stage (from the log lines), nothing dead-lettered in `config`'s queues. */
  expectUndisturbed: (id: string, undisturbed: { baseline: Essence; pages: number; config: Config }) => Promise<void>;
  /** Starts the upload service and the three workers and converts one copy undisturbed: the report to match. */
  startAll: () => Promise<{ api: string; baseline: Essence; pages: number }>;
}

export function faultRun(options: FaultRunOptions): FaultRun {
  const running: ServiceProcess[] = [];
  const retired: ServiceProcess[] = [];
  let client: Client | undefined;
  const admin = () => {
    if (!client) {
      throw new Error('the fault run has not started its services');
    }
    return client;
  };
  const copyOf = async (name: string) => Buffer.concat([await shortScan(), Buffer.from(`\n%${options.tag} ${name}\n`)]);
  const run: FaultRun = {
    running,
    retired,
    client: admin,
    async start(stage) {
      const service = await startProcess(stage, options.configFor(stage));
      running.push(service);
      return service;
    },
    the: (stage) => running.find((s) => s.stage === stage) as ServiceProcess,
    retire(service) {
      running.splice(running.indexOf(service), 1);
      retired.push(service);
    },
    async upload(name) {
      const res = await admin()
        .post('/api/documents')
        .attach('file', await copyOf(name), `${name}.pdf`);
      expect(res.status).toBe(201);
      return res.body.id as string;
    },
    async finished(id) {
      const status = await eventually(
        async () => {
          const s = (await admin().get(`/api/documents/${id}`)).body.status as string | undefined;
          return s && ['done', 'needs-attention', 'failed'].includes(s) ? s : undefined;
        },
        options.finishMs,
        `document ${id} to finish`,
      );
      return { status, report: (await admin().get(`/api/documents/${id}/report`)).body as Report };
    },
    linesOf: (stage, id, msg) =>
      [...running, ...retired]
        .filter((s) => stage === undefined || s.stage === stage)
        .flatMap((s) => s.lines)
        .filter((l) => l.documentId === id && l.msg === msg),
    perPage(stage, msg, id) {
      const counts = new Map<number, number>();
      for (const line of run.linesOf(stage, id, msg)) {
        counts.set(line.page as number, (counts.get(line.page as number) ?? 0) + 1);
      }
      return counts;
    },
    async expectUndisturbed(id, { baseline, pages, config }) {
      const { status, report } = await run.finished(id);
      expect(status).toBe('done');
      expect(essence(report)).toEqual(baseline);
      expect(run.perPage('ocr', 'page stored', id)).toEqual(everyPageOnce(pages));
      expect(run.perPage('table-extraction', 'page tables stored', id)).toEqual(everyPageOnce(pages));
      for (const spec of Object.values(queues)) {
        expect((await queueDepth(config, spec)).dead).toBe(0);
      }
    },
    async startAll() {
      const up = await run.start('upload');
      const api = `http://127.0.0.1:${up.port}`;
      client = await asAdmin(api);
      await Promise.all((['ocr', 'table-extraction', 'normalisation'] as const).map((s) => run.start(s)));
      const id = await run.upload('undisturbed');
      const { status, report } = await run.finished(id);
      expect(status).toBe('done');
      return { api, baseline: essence(report), pages: report.source.pages };
    },
  };
  return run;
}
