// `docpipe convert FILE.pdf -o report.json`, or `docpipe convert A.pdf B.pdf FOLDER -d out/`: the whole pipeline in
// one process, no broker, no database. Several files are read one after another, each with every OCR worker.
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../shared/config/config';
import { createOcrPool } from '../shared/adapters/tesseract.adapter';
import { tablesWorkbook } from '../shared/adapters/workbook.adapter';
import type { Report } from '../shared/contracts/report';
import { fieldsCsv, tableCsv, tableNames } from '../shared/domain/report-exports';
import { pageTexts } from '../shared/domain/searchable-text';
import { withTextLayer } from '../shared/adapters/searchable-pdf.adapter';
import type { PageRecognition } from '../shared/contracts/page';
import { InputError, errorMessage } from '../shared/errors/errors';
import { ConvertOptions as ConvertDocumentOptions, convertDocument } from './convert-document';
import { BatchProgress, batchProgress } from './progress';

// Exit codes: 0 every report whole; 2 converted, but a report needs attention; 1 a file failed.
const NEEDS_ATTENTION_EXIT = 2;
const FAILED_EXIT = 1;

interface CliOptions {
  output?: string;
  outDir?: string;
  dpi?: number;
  fieldsCsv?: string;
  tablesCsv?: string;
  xlsx?: string;
  pdf?: string;
  spreadsheets?: boolean;
  searchable?: boolean;
}

/** Where one file's outputs go. */
interface Targets {
  json?: string;
  fieldsCsv?: string;
  tablesCsv?: string;
  xlsx?: string;
  pdf?: string;
}

/** The PDFs named: files as given, folders by the .pdf files in them (not their subfolders), in name order. */
async function inputsOf(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    if ((await stat(arg)).isDirectory()) {
      const pdfs = (await readdir(arg)).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
      if (pdfs.length === 0) {
        throw new InputError(`the folder ${arg} holds no .pdf file`);
      }
      files.push(...pdfs.map((f) => path.join(arg, f)));
    } else {
      files.push(arg);
    }
  }
  return files;
}

function targetsFor(file: string, batch: boolean, opts: CliOptions): Targets {
  if (!batch) {
    return { json: opts.output, fieldsCsv: opts.fieldsCsv, tablesCsv: opts.tablesCsv, xlsx: opts.xlsx, pdf: opts.pdf };
  }
  const stem = path.join(opts.outDir as string, path.parse(file).name);
  return {
    json: `${stem}.json`,
    ...(opts.spreadsheets
      ? { fieldsCsv: `${stem}-fields.csv`, tablesCsv: `${stem}-tables`, xlsx: `${stem}-tables.xlsx` }
      : {}),
    ...(opts.searchable ? { pdf: `${stem}-searchable.pdf` } : {}),
  };
}

async function writeOutputs(
  converted: { report: Report; pages: PageRecognition[]; bytes: Buffer },
  to: Targets,
): Promise<void> {
  const { report } = converted;
  const json = `${JSON.stringify(report, null, 1)}\n`;
  if (to.json) {
    await writeFile(to.json, json);
  } else {
    process.stdout.write(json);
  }
  if (to.fieldsCsv) {
    await writeFile(to.fieldsCsv, fieldsCsv(report));
  }
  if (to.tablesCsv) {
    await mkdir(to.tablesCsv, { recursive: true });
    for (const [table, name] of tableNames(report)) {
      await writeFile(path.join(to.tablesCsv, `${name}.csv`), tableCsv(table));
    }
  }
  if (to.xlsx) {
    await writeFile(to.xlsx, await tablesWorkbook(report));
  }
  if (to.pdf) {
    await writeFile(to.pdf, await withTextLayer(converted.bytes, pageTexts(converted.pages, report)));
  }
}

/** One line a person reads at the end: what came out of the file. */
function summaryOf(file: string, report: Report): string {
  const flagged = Object.values(report.fields).filter((f) => f.needsReview).length;
  const head = `${file}: template ${report.template ?? 'none'}, ${Object.keys(report.fields).length} fields, ${flagged} to review`;
  // A report that is not whole is never a clean success: the warning says why.
  return report.quality.status === 'ok'
    ? head
    : `${head}; WARNING: needs attention: ${report.quality.problems.join('; ')}`;
}

async function convertAll(args: readonly string[], opts: CliOptions): Promise<number> {
  const files = await inputsOf(args);
  const batch = files.length > 1 || opts.outDir !== undefined;
  if (batch && !opts.outDir) {
    throw new InputError('several files: give a folder for the reports with -d/--out-dir');
  }
  if (batch && (opts.output || opts.fieldsCsv || opts.tablesCsv || opts.xlsx || opts.pdf)) {
    throw new InputError(
      "with -d/--out-dir, each file's outputs are named after it: use --spreadsheets and --searchable instead of -o, --fields-csv, --tables-csv, --xlsx, --pdf",
    );
  }
  if (opts.outDir) {
    await mkdir(opts.outDir, { recursive: true });
  }
  const config = loadConfig();
  const ocr = createOcrPool(config.OCR_WORKERS);
  const progress = batchProgress(files);
  // One page more than workers in flight: while a page is rendered on the main thread, the workers keep reading.
  const reading = {
    ocr,
    dpi: opts.dpi ?? config.OCR_DPI,
    reviewThreshold: config.REVIEW_THRESHOLD,
    concurrency: config.OCR_WORKERS + 1,
  };
  const outcomes: Outcome[] = [];
  try {
    for (const file of files) {
      // One file failing stops nothing: the others are read, and the summary says which failed and why.
      const outcome = await convertOne(file, targetsFor(file, batch, opts), reading, progress).catch(
        (error: unknown): Outcome => ({ state: 'failed', line: `${file}: FAILED: ${errorMessage(error)}` }),
      );
      outcomes.push(outcome);
      progress.finished(file, outcome.state);
    }
  } finally {
    progress.stop();
    await ocr.close();
  }
  process.stderr.write(`${outcomes.map((o) => o.line).join('\n')}\n`);
  // A failure outranks a report that needs attention.
  return outcomes.some((o) => o.state === 'failed')
    ? FAILED_EXIT
    : outcomes.some((o) => o.state === 'needs attention')
      ? NEEDS_ATTENTION_EXIT
      : 0;
}

interface Outcome {
  state: 'done' | 'needs attention' | 'failed';
  line: string;
}

async function convertOne(
  file: string,
  to: Targets,
  reading: Omit<ConvertDocumentOptions, 'onProgress'>,
  progress: BatchProgress,
): Promise<Outcome> {
  const bytes = await readFile(file);
  const { report, pages } = await convertDocument(bytes, path.basename(file), {
    ...reading,
    onProgress: (stage, page, total) => progress.stage(file, stage, page, total),
  });
  await writeOutputs({ report, pages, bytes }, to);
  return { state: report.quality.status === 'ok' ? 'done' : 'needs attention', line: summaryOf(file, report) };
}

const program = new Command('docpipe').description('scanned government reports to structured, confidence-scored JSON');

program
  .command('convert')
  .argument('<inputs...>', 'PDF files, or folders of them')
  .option('-o, --output <file>', 'one file: where to write the report JSON (default: standard output)')
  .option('-d, --out-dir <dir>', 'several files: the folder for <name>.json of each')
  .option('--dpi <dpi>', 'render resolution for scanned pages', (v) => Number(v))
  .option(
    '--fields-csv <file>',
    'one file: also write the fields as CSV (key, value, raw, confidence, needsReview, page, reviewedBy)',
  )
  .option('--tables-csv <dir>', 'one file: also write each table as CSV into this folder')
  .option('--xlsx <file>', 'one file: also write all tables as one XLSX workbook, merged cells kept')
  .option('--pdf <file>', 'one file: also write the PDF with an invisible, searchable text layer')
  .option('--searchable', 'with -d: also write <name>-searchable.pdf')
  .option('--spreadsheets', 'with -d: also write <name>-fields.csv, <name>-tables/ and <name>-tables.xlsx')
  .action(async (inputs: string[], opts: CliOptions) => {
    process.exitCode = await convertAll(inputs, opts);
  });

/** Runs the command line `argv` (as in process.argv); a failure is printed and exits with FAILED_EXIT. */
export function runCli(argv: readonly string[]): void {
  program.parseAsync([...argv]).catch((error: unknown) => {
    process.stderr.write(`docpipe: ${errorMessage(error)}\n`);
    process.exit(FAILED_EXIT);
  });
}
