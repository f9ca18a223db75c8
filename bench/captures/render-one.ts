// One draw rendered for a person debugging a failure of the unseen-capture run: the line the run printed gives
// the report, the family and the seed.
//   node dist/bench/captures/render-one.js --report 000-shizuishan-2020 --family phone --seed 123 -o out.pdf [--png [--page N]]
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pngOf } from './capture-pdf';
import { FAMILIES, type FamilyName } from './families';
import { renderedCapture } from './render-capture';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      report: { type: 'string' },
      family: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string', short: 'o' },
      png: { type: 'boolean', default: false },
      page: { type: 'string', default: '1' },
    },
  });
  const family = values.family as FamilyName;
  if (!values.report || !FAMILIES.includes(family) || !/^\d+$/.test(values.seed ?? '')) {
    throw new Error(
      `usage: render-one.js --report NAME --family ${FAMILIES.join('|')} --seed N [-o out.pdf] [--png [--page N]]`,
    );
  }
  const out = path.resolve(values.out ?? `${values.report}.${family}-${values.seed}.pdf`);
  const pageNo = Number(values.page);
  const png = `${out.replace(/\.pdf$/i, '')}.page${pageNo}.png`;
  const rendered = await renderedCapture(values.report, family, Number(values.seed), async (n, page) => {
    if (values.png && n === pageNo) {
      await writeFile(png, await pngOf(page.raster));
    }
  });
  await copyFile(rendered.pdf, out);
  console.log(`${values.report} ${family} seed ${values.seed}: ${rendered.description}`);
  console.log(`wrote ${out}${values.png ? ` and ${png}` : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
