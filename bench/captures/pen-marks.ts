// A reader's marks on a printed report: red ballpoint circles round table figures with ticks beside them, a
// yellow highlighter across a table row or a line of prose, a note in blue ink where there is room. Placed from
// the words' positions, where real readers put them: over the numbers the pipeline must read.
import { type Point, applyInk, strokeMask } from './ink';
import { type RgbRaster, cloneRaster, lumaAt } from './rgb-raster';
import type { Rng } from './rng';
import { type PrintLine, type Sheet, type WordBox, printLines, tableNumbers, tableRows } from './sheet';

// Ballpoint red and blue as scanned (never the pure primaries), and a fluorescent yellow highlighter.
const RED_PEN = [205, 35, 45] as const;
const BLUE_PEN = [35, 60, 175] as const;
const HIGHLIGHTER = [255, 236, 60] as const;

/** Circles and ticks, one or two highlighter bands and one note, each part drawn from its own stream. */
export function markUp(raster: RgbRaster, rng: Rng, sheet: Sheet): RgbRaster {
  const out = cloneRaster(raster);
  const mm = sheet.dpi / 25.4;
  circleNumbers(out, rng.fork('circles'), sheet.words, mm);
  highlight(out, rng.fork('highlight'), sheet.words, mm);
  writeNote(out, rng.fork('note'), sheet.words, mm);
  return out;
}

/**
 * Two to six table figures circled in red (a hand's loop: 1.05-1.25 turns, its radius wobbling 8%), half of
 * them ticked to the right. A ballpoint line is 0.3-0.5 mm wide.
 */
function circleNumbers(out: RgbRaster, rng: Rng, words: readonly WordBox[], mm: number): void {
  const numbers = tableNumbers(words);
  const pen = rng.uniform(0.3, 0.5) * mm;
  for (let k = rng.int(2, 6); k > 0; k -= 1) {
    const w: WordBox =
      numbers.length > 0
        ? rng.pick(numbers)
        : {
            text: '',
            x: rng.uniform(0.2, 0.7) * out.width,
            y: rng.uniform(0.2, 0.8) * out.height,
            width: 8 * mm,
            height: 4 * mm,
          };
    // The loop clears the figure by 30-60% of its height, as a pen goes round a number without touching it.
    const pad = rng.uniform(0.3, 0.6) * w.height;
    const rx = w.width / 2 + pad;
    const ry = w.height / 2 + pad;
    const cx = w.x + w.width / 2;
    const cy = w.y + w.height / 2;
    const start = rng.uniform(0, 2 * Math.PI);
    const turns = rng.uniform(1.05, 1.25);
    const tilt = rng.uniform(-0.2, 0.2);
    const loop: Point[] = Array.from({ length: 80 }, (_, i) => {
      const a = start + (2 * Math.PI * turns * i) / 79;
      const r = 1 + 0.08 * Math.sin(3 * a + start) * (i / 79);
      const x = rx * r * Math.cos(a);
      const y = ry * r * Math.sin(a);
      return [cx + x * Math.cos(tilt) - y * Math.sin(tilt), cy + x * Math.sin(tilt) + y * Math.cos(tilt)];
    });
    applyInk(out, strokeMask(loop, pen), RED_PEN, rng.uniform(0.85, 1));
    if (rng.chance(0.5)) {
      // A tick 1-1.5 figure heights tall, just right of the loop: a short stroke down, a long one up.
      const s = rng.uniform(1, 1.5) * w.height;
      const x0 = cx + rx + 0.3 * s;
      const tick: Point[] = [
        [x0, cy],
        [x0 + 0.35 * s, cy + 0.45 * s],
        [x0 + s, cy - 0.7 * s],
      ];
      applyInk(out, strokeMask(tick, pen), RED_PEN, rng.uniform(0.85, 1));
    }
  }
}

/**
 * One or two highlighter bands (a 4-6 mm chisel nib's stroke is 1.1-1.4 lines tall here), across a table row
 * (two times in three when the page has one) or 40-100% of a line of prose; opacity 50-75%, the ink of a
 * highlighter drawn once.
 */
function highlight(out: RgbRaster, rng: Rng, words: readonly WordBox[], mm: number): void {
  const rows = tableRows(words);
  const prose = printLines(words).filter((l) => l.words.length >= 10);
  for (let k = rng.int(1, 2); k > 0; k -= 1) {
    const onRow = rows.length > 0 && (prose.length === 0 || rng.chance(2 / 3));
    const pool = onRow ? rows : prose;
    const line: PrintLine =
      pool.length > 0
        ? rng.pick(pool)
        : {
            y: rng.uniform(0.2, 0.8) * out.height,
            height: 4 * mm,
            left: 0.1 * out.width,
            right: 0.9 * out.width,
            words: [],
          };
    const span = onRow ? 1 : rng.uniform(0.4, 1);
    const left = line.left - rng.uniform(0, 3) * mm;
    const right = left + (line.right + rng.uniform(0, 3) * mm - left) * span;
    const nib = rng.uniform(1.1, 1.4) * line.height;
    const y = line.y + line.height / 2;
    const drift = rng.uniform(-0.15, 0.15) * line.height; // the hand drifts off the line over the stroke
    const band: Point[] = Array.from({ length: 20 }, (_, i) => [
      left + ((right - left) * i) / 19,
      y + (drift * i) / 19,
    ]);
    applyInk(out, strokeMask(band, nib), HIGHLIGHTER, rng.uniform(0.5, 0.75));
  }
}

/**
 * A note in blue ink: four to ten Chinese-looking characters of two to five pen strokes each, 4-7 mm tall,
 * in the widest band of blank paper (the top or bottom margin, or a gap between lines of at least three lines' height),
 * slanted up to 4 degrees.
 */
function writeNote(out: RgbRaster, rng: Rng, words: readonly WordBox[], mm: number): void {
  const size = rng.uniform(4, 7) * mm;
  const lines = printLines(words);
  const gaps: { top: number; bottom: number }[] = [
    { top: 0, bottom: lines[0]?.y ?? out.height },
    { top: lines.length > 0 ? Math.max(...lines.map((l) => l.y + l.height)) : 0, bottom: out.height },
    ...lines
      .slice(1)
      .map((l, i) => ({ top: lines[i].y + lines[i].height, bottom: l.y }))
      .filter((g) => g.bottom - g.top >= 3 * (lines[0]?.height ?? size)),
  ];
  // The widest band that is blank paper: a gap between lines of text may be a photograph, which no one writes on.
  const blank = gaps.filter(
    (g) => inkShare(out, (g.top + g.bottom) / 2 - size / 2, (g.top + g.bottom) / 2 + size / 2) < 0.01,
  );
  const gap = (blank.length > 0 ? blank : gaps.slice(0, 1)).reduce((a, b) =>
    b.bottom - b.top > a.bottom - a.top ? b : a,
  );
  const count = rng.int(4, 10);
  const x0 = rng.uniform(0.08, Math.max(0.09, 0.92 - (count * 1.2 * size) / out.width)) * out.width;
  const y0 = (gap.top + gap.bottom) / 2 - size / 2;
  const slant = (rng.uniform(-4, 4) * Math.PI) / 180;
  const pen = rng.uniform(0.3, 0.5) * mm;
  for (let c = 0; c < count; c += 1) {
    const gx = x0 + c * 1.2 * size;
    const gy = y0 + (gx - x0) * Math.tan(slant);
    for (let s = rng.int(2, 5); s > 0; s -= 1) {
      // A stroke: a horizontal, a vertical, a falling or a hooked line inside the character's box.
      const kind = rng.int(0, 3);
      const ax = gx + rng.uniform(0, 0.6) * size;
      const ay = gy + rng.uniform(0, 0.6) * size;
      const length = rng.uniform(0.35, 0.9) * size;
      const stroke: Point[] =
        kind === 0
          ? [
              [ax, ay],
              [ax + length, ay + rng.uniform(-0.08, 0.08) * size],
            ]
          : kind === 1
            ? [
                [ax, ay],
                [ax + rng.uniform(-0.08, 0.08) * size, ay + length],
              ]
            : kind === 2
              ? [
                  [ax + length * 0.6, ay],
                  [ax, ay + length],
                ]
              : [
                  [ax, ay],
                  [ax, ay + length],
                  [ax + 0.2 * length, ay + 0.8 * length],
                ];
      applyInk(out, strokeMask(stroke, pen), BLUE_PEN, rng.uniform(0.85, 1));
    }
  }
}

/** Share of the pixels between rows `top` and `bottom` (the middle 84% of their width) darker than light grey. */
function inkShare(raster: RgbRaster, top: number, bottom: number): number {
  let dark = 0;
  let all = 0;
  for (let y = Math.max(0, Math.floor(top)); y < Math.min(raster.height, bottom); y += 1) {
    for (let x = Math.floor(0.08 * raster.width); x < 0.92 * raster.width; x += 1) {
      // Under 200 of 255: print, a photograph or a rule, never paper (even yellowed paper stays above 220).
      dark += lumaAt(raster, y * raster.width + x) < 200 ? 1 : 0;
      all += 1;
    }
  }
  return all === 0 ? 1 : dark / all;
}
