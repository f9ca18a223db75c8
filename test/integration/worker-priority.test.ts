// Queue workers give way to the upload service and the database on a shared machine: an OCR process runs at
// WORKER_NICE, and so do the Tesseract threads it starts later (they inherit it), so an upload is answered while OCR
// runs (bench/upload-latency.ts measures it).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dropNamespace } from '../../harness/namespace';
import { testConfig } from '../support/namespace';
import { ServiceProcess, killHard, startProcess } from '../../harness/service-processes';

// Lower than this process's own priority (which a child would inherit anyway, e.g. under `nice -n 10`).
const NICE = Math.min(19, os.getPriority() + 5);
const config = testConfig({ WORKER_NICE: NICE, OCR_WORKERS: 2 });
let ocr: ServiceProcess;

afterAll(async () => {
  await killHard(ocr);
  await dropNamespace(config);
});

/** The niceness of each thread of process `pid` (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceness(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command, which is in parentheses and may hold spaces: state is field 3, nice field 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), Number(fields[19 - 3]));
  }
  return out;
}

it('runs an OCR worker and its Tesseract threads at WORKER_NICE', async () => {
  ocr = await startProcess('ocr', config);
  const pid = ocr.child.pid as number;
  const niceness = threadNiceness(pid);
  // The main thread; the Tesseract threads it starts with the first page inherit its niceness (Linux keeps one per
  // thread, and a new thread takes its creator's).
  expect(niceness.get(pid)).toBe(NICE);
}, 120000);
