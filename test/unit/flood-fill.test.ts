// The one flood fill: regions of small drawn masks, checked cell by cell, and against a union-find labelling of
// random masks.
import { Connectivity, flood, regions } from '../../shared/domain/flood-fill';

/** A mask drawn as rows of '#' (inside) and '.' (outside). */
function mask(...rows: string[]): { width: number; height: number; cells: Uint8Array; inside: (i: number) => boolean } {
  const width = rows[0].length;
  const cells = Uint8Array.from(rows.join(''), (c) => (c === '#' ? 1 : 0));
  return { width, height: rows.length, cells, inside: (i) => cells[i] === 1 };
}

/** Regions by union-find: sets of cells, each sorted, listed in the order of their first cell. */
function unionFind(width: number, height: number, inside: (i: number) => boolean, connectivity: Connectivity) {
  const parent = Array.from({ length: width * height }, (_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const join = (a: number, b: number) => {
    parent[root(a)] = root(b);
  };
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      if (!inside(i)) {
        continue;
      }
      const left = x > 0 && inside(i - 1);
      const up = y > 0 && inside(i - width);
      if (left) join(i, i - 1);
      if (up) join(i, i - width);
      if (connectivity === 8 && y > 0 && x > 0 && inside(i - width - 1)) join(i, i - width - 1);
      if (connectivity === 8 && y > 0 && x < width - 1 && inside(i - width + 1)) join(i, i - width + 1);
    }
  }
  const sets = new Map<number, number[]>();
  for (let i = 0; i < width * height; i += 1) {
    if (inside(i)) {
      const r = root(i);
      sets.set(r, [...(sets.get(r) ?? []), i]);
    }
  }
  return [...sets.values()];
}

describe('regions', () => {
  const diagonal = mask(
    '#..', //
    '.#.',
    '..#',
  );

  it('joins cells through corners only when 8-connected', () => {
    const { width, height, cells } = diagonal;
    expect(regions(cells, width, height, { connectivity: 8 })).toEqual([
      { start: 0, x0: 0, y0: 0, x1: 2, y1: 2, area: 3, members: [0, 4, 8] },
    ]);
    expect(regions(cells, width, height, { connectivity: 4 }).map((r) => r.members)).toEqual([[0], [4], [8]]);
  });

  it('does not wrap round from the end of one row to the start of the next', () => {
    const { width, height, cells } = mask(
      '..#', //
      '#..',
    );
    expect(regions(cells, width, height, { connectivity: 8 }).map((r) => r.members)).toEqual([[2], [3]]);
  });

  it('gives each region its extent and area, in the order of its first cell, its members depth first', () => {
    const { width, height, cells } = mask(
      '.##..#', //
      '.#...#',
      '.###.#',
      '......',
      '##....',
    );
    expect(regions(cells, width, height, { connectivity: 4 })).toEqual([
      // From 1: right (2) and down (7) pushed, 7 popped first, then its neighbour below (13), then 13's right (14,
      // then 15), and last the 2 left on the stack.
      { start: 1, x0: 1, y0: 0, x1: 3, y1: 2, area: 6, members: [1, 7, 13, 14, 15, 2] },
      { start: 5, x0: 5, y0: 0, x1: 5, y1: 2, area: 3, members: [5, 11, 17] },
      { start: 24, x0: 0, y0: 4, x1: 1, y1: 4, area: 2, members: [24, 25] },
    ]);
  });

  it('keeps members only of regions under keepMembersUpTo each way, and floods the larger ones whole', () => {
    const { width, height, cells } = mask(
      '##.###', //
      '##....',
    );
    const drawn = Uint8Array.from(cells);
    const found = regions(cells, width, height, { connectivity: 8, keepMembersUpTo: 2 });
    expect(cells).toEqual(drawn);
    // The 2 x 2 square spans 1 cell past its first each way (under 2); the bar spans 2 across.
    expect(found.map((r) => [r.area, r.members?.length ?? null])).toEqual([
      [4, 4],
      [3, null],
    ]);
    expect(regions(cells, width, height, { connectivity: 8, keepMembersUpTo: 0 }).map((r) => r.members)).toEqual([
      null,
      null,
    ]);
  });

  it('finds the same regions as a union-find labelling on random masks', () => {
    // A fixed linear congruential sequence: the same masks every run.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 40; round += 1) {
      const width = 1 + Math.floor(random() * 17);
      const height = 1 + Math.floor(random() * 13);
      const density = 0.2 + 0.5 * random();
      const cells = Uint8Array.from({ length: width * height }, () => (random() < density ? 1 : 0));
      const inside = (i: number) => cells[i] === 1;
      for (const connectivity of [4, 8] as const) {
        const found = regions(cells, width, height, { connectivity });
        expect(found.map((r) => [...(r.members ?? [])].sort((a, b) => a - b))).toEqual(
          unionFind(width, height, inside, connectivity),
        );
        for (const r of found) {
          const xs = (r.members ?? []).map((i) => i % width);
          const ys = (r.members ?? []).map((i) => Math.floor(i / width));
          expect([r.start, r.x0, r.y0, r.x1, r.y1, r.area]).toEqual([
            Math.min(...(r.members ?? [])),
            Math.min(...xs),
            Math.min(...ys),
            Math.max(...xs),
            Math.max(...ys),
            xs.length,
          ]);
        }
      }
    }
  });
});

describe('flood', () => {
  it('spreads from several seeds into the open cells, closing them, visiting seeds and entered cells once each', () => {
    const { width, height, cells } = mask(
      '#..#.', //
      '.##..',
      '.....',
      '....#',
    );
    const open = Uint8Array.from(cells);
    const visited: number[] = [];
    // Seeds: cells 0 and 3, closed by the caller; 19 is never reached.
    open[0] = 0;
    open[3] = 0;
    flood([0, 3], open, width, height, 8, (i) => visited.push(i));
    // 3 first (the top of the stack), then from it 7; from 7 its left neighbour 6; then seed 0.
    expect(visited).toEqual([3, 7, 6, 0]);
    expect([...open].flatMap((v, i) => (v ? [i] : []))).toEqual([19]);
  });
});
