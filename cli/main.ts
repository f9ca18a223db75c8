// `docpipe convert FILE.pdf -o report.json`: the whole pipeline in one process, no broker, no database.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../shared/config/config';
import { createOcrPool } from '../shared/adapters/tesseract.adapter';
import { errorMessage } from '../shared/errors/errors';
import { convertDocument } from './convert-document';

const NEEDS_ATTENTION_EXIT = 2;

const program = new Command('docpipe').description('scanned government reports to structured, confidence-scored JSON');

program
  .command('convert')
  .argument('<file>', 'PDF to convert')
  .option('-o, --output <file>', 'where to write the report JSON (default: standard output)')
  .option('--dpi <dpi>', 'render resolution for scanned pages', (v) => Number(v))
  .action(async (file: string, opts: { output?: string; dpi?: number }) => {
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
