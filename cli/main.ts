// `docpipe convert FILE.pdf -o report.json`: the whole pipeline in one process, no broker, no database.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../shared/config/config';
import { createOcrPool } from '../shared/adapters/tesseract.adapter';
import { errorMessage } from '../shared/errors/errors';
import { tablesWorkbook } from '../shared/adapters/workbook.adapter';
import type { Report } from '../shared/contracts/report';
import { fieldsCsv, tableCsv, tableNames } from '../shared/domain/report-exports';
import { convertDocument } from './convert-document';

const NEEDS_ATTENTION_EXIT = 2;

interface ConvertOptions {
  output?: string;
  dpi?: number;
  fieldsCsv?: string;
  tablesCsv?: string;
  xlsx?: string;
}

/** The spreadsheets asked for, each announced on stderr. */
async function writeExports(report: Report, opts: ConvertOptions): Promise<void> {
  if (opts.fieldsCsv) {
    await writeFile(opts.fieldsCsv, fieldsCsv(report));
    process.stderr.write(`wrote ${opts.fieldsCsv}\n`);
  }
  if (opts.tablesCsv) {
    await mkdir(opts.tablesCsv, { recursive: true });
    for (const [table, name] of tableNames(report)) {
      await writeFile(path.join(opts.tablesCsv, `${name}.csv`), tableCsv(table));
    }
    process.stderr.write(`wrote ${report.tables.length} tables into ${opts.tablesCsv}\n`);
  }
  if (opts.xlsx) {
    await writeFile(opts.xlsx, await tablesWorkbook(report));
    process.stderr.write(`wrote ${opts.xlsx}\n`);
  }
}

const program = new Command('docpipe').description('scanned government reports to structured, confidence-scored JSON');

program
  .command('convert')
  .argument('<file>', 'PDF to convert')
  .option('-o, --output <file>', 'where to write the report JSON (default: standard output)')
  .option('--dpi <dpi>', 'render resolution for scanned pages', (v) => Number(v))
  .option('--fields-csv <file>', 'also write the fields as CSV (key, value, raw, confidence, needsReview, page, reviewedBy)')
  .option('--tables-csv <dir>', 'also write each table as CSV into this folder')
  .option('--xlsx <file>', 'also write all tables as one XLSX workbook, merged cells kept')
  .action(async (file: string, opts: ConvertOptions) => {
    const config = loadConfig();
    const ocr = createOcrPool(config.OCR_WORKERS);
    try {
      const bytes = await readFile(file);
      const { report } = await convertDocument(bytes, path.basename(file), {
        ocr,
        dpi: opts.dpi ?? config.OCR_DPI,
        reviewThreshold: config.REVIEW_THRESHOLD,
        // One page more than workers: while a page is rendered on the main thread, the workers keep reading.
        concurrency: config.OCR_WORKERS + 1,
        onPage: (page, pages) => process.stderr.write(`page ${page}/${pages} done\n`),
      });
      const json = `${JSON.stringify(report, null, 1)}\n`;
      if (opts.output) {
        await writeFile(opts.output, json);
        const flagged = Object.values(report.fields).filter((f) => f.needsReview).length;
        process.stderr.write(`wrote ${opts.output}: template ${report.template ?? 'none'}, ${Object.keys(report.fields).length} fields, ${flagged} to review\n`);
      } else {
        process.stdout.write(json);
      }
      await writeExports(report, opts);
      // A report that is not whole is never a clean success: a warning a person reads, and an exit code a
      // script can test (2: converted, but needs attention; 1: failed).
      if (report.quality.status !== 'ok') {
        process.stderr.write(`docpipe: WARNING: ${file} needs attention: ${report.quality.problems.join('; ')}\n`);
        process.exitCode = NEEDS_ATTENTION_EXIT;
      }
    } finally {
      await ocr.close();
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`docpipe: ${errorMessage(error)}\n`);
  process.exit(1);
});
