// The robustness renders find ../shared from the source tree (ts-jest) as from dist/: it was looked for one
// folder too high from the source tree, so a render not yet cached failed with "spawn python3 ENOENT".
import { existsSync } from 'node:fs';
import path from 'node:path';
import { matrixConditions, sharedRoot } from '../../bench/scan-conditions';

it('finds render.py in ../shared beside the repository', () => {
  expect(existsSync(path.join(sharedRoot(), 'tools/corpus/render.py'))).toBe(true);
});

it('covers seeds 2 and 3 at 150-400 dpi, --hard and every stress kind', () => {
  const ids = matrixConditions().map((c) => c.id);
  expect(ids).toHaveLength(20);
  expect(ids).toEqual(expect.arrayContaining(['s2-150dpi', 's3-400dpi', 's2-hard', 's3-seal', 's2-lowdpi', 's3-rotated', 's2-photocopy', 's3-mixed']));
});
