// The robustness renders find ../shared from the source tree (ts-jest) as from dist/: it was looked for one
// folder too high from the source tree, so a render not yet cached failed with "spawn python3 ENOENT".
import { existsSync } from 'node:fs';
import path from 'node:path';
import { matrixConditions, matrixSeeds, sharedRoot } from '../../bench/scan-conditions';

it('finds render.py in ../shared beside the repository', () => {
  expect(existsSync(path.join(sharedRoot(), 'tools/corpus/render.py'))).toBe(true);
});

it('covers seeds 2 and 3 at 150-400 dpi, --hard, every stress kind, and the stress kinds that honour --dpi at 200 dpi', () => {
  const conditions = matrixConditions();
  const ids = conditions.map((c) => c.id);
  expect(ids).toHaveLength(26);
  expect(new Set(ids).size).toBe(26);
  expect(ids).toEqual(
    expect.arrayContaining([
      's2-150dpi',
      's3-400dpi',
      's2-hard',
      's3-seal',
      's2-lowdpi',
      's3-rotated',
      's2-photocopy',
      's3-mixed',
    ]),
  );
  const at200 = conditions.filter((c) => c.stress && c.dpi === 200);
  expect(at200.map((c) => c.id).sort()).toEqual([
    's2-photocopy-200dpi',
    's2-rotated-200dpi',
    's2-seal-200dpi',
    's3-photocopy-200dpi',
    's3-rotated-200dpi',
    's3-seal-200dpi',
  ]);
});

it('keeps the rows it had: their ids still render at 300 dpi', () => {
  const byId = new Map(matrixConditions().map((c) => [c.id, c]));
  for (const stress of ['seal', 'lowdpi', 'rotated', 'photocopy', 'mixed']) {
    expect(byId.get(`s2-${stress}`)).toEqual({ id: `s2-${stress}`, seed: 2, dpi: 300, stress });
  }
});

describe('the seeds a run renders', () => {
  it('are the matrix own seeds 2 and 3 when none is asked for', () => {
    expect(matrixSeeds('')).toEqual([2, 3]);
  });

  it('are two fresh ones, never the corpus (1) or the matrix (2, 3), for MATRIX_SEEDS=fresh', () => {
    expect(matrixSeeds('fresh', () => 0)).toEqual([4, 5]);
    const seeds = matrixSeeds('fresh', () => 0.999999);
    expect(seeds.every((s) => s >= 4 && Number.isInteger(s))).toBe(true);
    expect(matrixConditions(seeds).map((c) => c.id)).toContain(`s${seeds[0]}-photocopy-200dpi`);
  });

  it('are the ones named, and a setting that names none is refused', () => {
    expect(matrixSeeds('7, 19')).toEqual([7, 19]);
    expect(() => matrixSeeds('seven')).toThrow(/MATRIX_SEEDS/);
    expect(() => matrixSeeds('1.5')).toThrow(/MATRIX_SEEDS/);
    expect(() => matrixSeeds('7,')).toThrow(/MATRIX_SEEDS/);
    expect(() => matrixSeeds(' ')).toThrow(/MATRIX_SEEDS/);
    expect(matrixSeeds('7,7')).toEqual([7]);
  });
});
