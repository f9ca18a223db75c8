// `docpipe convert` as a person runs it (the built CLI, a real process): a digital report to JSON, with the
// fields CSV, a CSV per table and the workbook beside it; exit code 0 for a whole report.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Report } from '../../shared/contracts/report';
import { CORPUS, SHIZUISHAN, YINCHUAN } from '../../harness/corpus';

const run = promisify(execFile);
const cli = path.join(__dirname, '../../dist/cli/main.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'docpipe-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('converts a report and writes its spreadsheets', async () => {
  const out = (name: string) => path.join(dir, name);
  const { stderr } = await run(process.execPath, [
    cli,
    'convert',
    path.join(CORPUS, `${YINCHUAN}.digital.pdf`),
    '-o',
    out('report.json'),
    '--fields-csv',
    out('fields.csv'),
    '--tables-csv',
    out('tables'),
    '--xlsx',
    out('tables.xlsx'),
    '--pdf',
    out('searchable.pdf'),
  ]);
  expect(stderr).toMatch(/template gov-disclosure-2019, 198 fields, 0 to review/);
  const report = JSON.parse(await readFile(out('report.json'), 'utf8')) as Report;
  const bytes = await readFile(out('fields.csv'));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const fields = bytes.subarray(3).toString('utf8').trim().split('\n');
  expect(fields[0]).toBe('key,value,raw,confidence,needsReview,page,reviewedBy');
  expect(fields).toHaveLength(Object.keys(report.fields).length + 1);
  expect((await readdir(out('tables'))).sort()).toEqual(report.tables.map((t) => `${t.name ?? t.id}.csv`).sort());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out('tables.xlsx'));
  expect(workbook.worksheets).toHaveLength(report.tables.length);
  // A digital report keeps its own text layer: the PDF written has the report's text.
  const { stdout } = await run('pdftotext', [out('searchable.pdf'), '-']);
  expect(stdout).toContain('银川市公安局');
}, 120000);

it('converts a folder, goes on past a file that fails, and ends with a line per file and exit code 1', async () => {
  const folder = path.join(dir, 'batch');
  await mkdir(folder);
  await copyFile(path.join(CORPUS, `${YINCHUAN}.digital.pdf`), path.join(folder, 'a-yinchuan.pdf'));
  await writeFile(path.join(folder, 'b-broken.pdf'), 'not a pdf at all');
  await copyFile(path.join(CORPUS, `${SHIZUISHAN}.digital.pdf`), path.join(folder, 'c-shizuishan.pdf'));
  const out = path.join(dir, 'reports');
  const failure = await run(process.execPath, [cli, 'convert', folder, '-d', out, '--spreadsheets']).then(
    () => undefined,
    (e: unknown) => e,
  );
  const { code, stderr } = failure as { code: number; stderr: string };
  expect(code).toBe(1);
  // Not a terminal here: plain lines per page and stage, then one summary line per file.
  expect(stderr).toMatch(/a-yinchuan\.pdf: page read 1\/6/);
  expect(stderr).toMatch(/a-yinchuan\.pdf: tables read 6\/6/);
  const summary = stderr.trim().split('\n').slice(-3);
  expect(summary[0]).toMatch(/a-yinchuan\.pdf: template gov-disclosure-2019, 198 fields, 0 to review$/);
  expect(summary[1]).toMatch(/b-broken\.pdf: FAILED: .*not a PDF/);
  expect(summary[2]).toMatch(/c-shizuishan\.pdf: template gov-disclosure-2019, 198 fields/);
  expect((await readdir(out)).sort()).toEqual([
    'a-yinchuan-fields.csv',
    'a-yinchuan-tables',
    'a-yinchuan-tables.xlsx',
    'a-yinchuan.json',
    'c-shizuishan-fields.csv',
    'c-shizuishan-tables',
    'c-shizuishan-tables.xlsx',
    'c-shizuishan.json',
  ]);
}, 180000);

it('refuses several files without a folder for the reports', async () => {
  const file = path.join(CORPUS, `${YINCHUAN}.digital.pdf`);
  const failure = await run(process.execPath, [cli, 'convert', file, file]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toMatchObject({ code: 1, stderr: expect.stringMatching(/give a folder for the reports with -d/) });
});

it('runs itself again with two malloc arenas, unless MALLOC_ARENA_MAX is set, and exits as that run does', async () => {
  // A preloaded script says each process's MALLOC_ARENA_MAX; node's own options are passed on to the second run.
  const probe = path.join(dir, 'arena-probe.js');
  // At exit it also says whether the process loaded the pipeline: the first, which only waits, must not.
  await writeFile(
    probe,
    [
      'process.stderr.write(`arenas=${process.env.MALLOC_ARENA_MAX}\\n`);',
      "process.on('exit', () => process.stderr.write(`pipeline=${Object.keys(require.cache).some((m) => m.includes('tesseract'))}\\n`));",
      '',
    ].join('\n'),
  );
  const file = path.join(CORPUS, `${YINCHUAN}.digital.pdf`);
  const runWith = (env: NodeJS.ProcessEnv) =>
    run(process.execPath, ['--require', probe, cli, 'convert', file, file], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
  const unset = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'MALLOC_ARENA_MAX'));
  const capped = await runWith(unset);
  expect(capped.stderr.match(/arenas=\S+/g)).toEqual(['arenas=undefined', 'arenas=2']);
  // The second run's line comes first: the first process exits after it.
  expect(capped.stderr.match(/pipeline=\S+/g)).toEqual(['pipeline=true', 'pipeline=false']);
  expect(capped).toMatchObject({ code: 1, stderr: expect.stringMatching(/give a folder for the reports with -d/) });
  const chosen = await runWith({ ...unset, MALLOC_ARENA_MAX: '4' });
  expect(chosen.stderr.match(/arenas=\S+/g)).toEqual(['arenas=4']);
  expect(chosen.code).toBe(1);
});
