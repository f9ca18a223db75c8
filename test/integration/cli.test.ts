// `docpipe convert` as a person runs it (the built CLI, a real process): a digital report to JSON, with the
// fields CSV, a CSV per table and the workbook beside it; exit code 0 for a whole report.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Report } from '../../shared/contracts/report';
import { CORPUS, YINCHUAN } from '../support/truth';

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
  const { stderr } = await run(process.execPath, [cli, 'convert', path.join(CORPUS, `${YINCHUAN}.digital.pdf`),
    '-o', out('report.json'), '--fields-csv', out('fields.csv'), '--tables-csv', out('tables'), '--xlsx', out('tables.xlsx')]);
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
}, 120000);
