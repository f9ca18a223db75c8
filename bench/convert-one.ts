// Bench child process: converts one file and prints its report, stage times, wall time and peak memory as
// JSON to a file (Tesseract's wasm prints diagnostics on stdout), so each file's peak memory is its own.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../shared/config/config';
import { createOcrPool } from '../shared/adapters/tesseract.adapter';
import { convertDocument } from '../cli/convert-document';

async function main(file: string, out: string): Promise<void> {
  const config = loadConfig();
  const ocr = createOcrPool(config.OCR_WORKERS);
  const started = Date.now();
  const { report, times } = await convertDocument(await readFile(file), path.basename(file), {
    ocr,
    dpi: config.OCR_DPI,
    reviewThreshold: config.REVIEW_THRESHOLD,
    concurrency: config.OCR_WORKERS + 1,
  });
  const wallMs = Date.now() - started;
  await ocr.close();
  // maxRSS is in kilobytes.
  await writeFile(out, JSON.stringify({ report, times, wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
