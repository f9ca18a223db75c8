// Skew estimation by projection profiles: text lines and rulings make the row histogram of ink sharpest
// when it is taken along their true direction.
import type { Mask } from '../../../../shared/domain/rulings';

export interface SkewOptions {
  /** Largest tilt searched, degrees; the corpus tilts by up to 1.5, real scans by more. */
  maxDegrees: number;
  /** Final precision, degrees. */
  precision: number;
}

// 8 degrees: a page fed by hand tilts by 4-5 degrees, and the range costs little (coarse steps first).
const DEFAULTS: SkewOptions = { maxDegrees: 8, precision: 0.02 };
// Enough ink points for a stable profile; more only costs time.
const MAX_POINTS = 120_000;

/**
 * The angle, degrees, by which the content is turned clockwise (in image coordinates, y down):
 * rotate the image by the opposite angle to level it. 0 for a page with too little ink to tell.
 */
export function estimateSkew(mask: Mask, options: Partial<SkewOptions> = {}): number {
  const { maxDegrees, precision } = { ...DEFAULTS, ...options };
  const points = inkPoints(mask);
  if (points.xs.length < 200) {
    return 0;
  }
  const score = (deg: number) => profileSharpness(points, mask.height, Math.tan((deg * Math.PI) / 180));
  let best = 0;
  let step = 0.25;
  let low = -maxDegrees;
  let high = maxDegrees;
  // Coarse to fine: 0.25 degree steps over the range, then narrower windows around the best angle.
  while (step >= precision / 2) {
    let bestScore = -1;
    for (let deg = low; deg <= high + 1e-9; deg += step) {
      const s = score(deg);
      if (s > bestScore) {
        bestScore = s;
        best = deg;
      }
    }
    low = best - step;
    high = best + step;
    step /= 4;
  }
  return Math.round(best / precision) * precision;
}

function inkPoints(mask: Mask): { xs: Float64Array; ys: Float64Array } {
  let total = 0;
  for (const v of mask.data) {
    total += v;
  }
  const keepEvery = Math.max(1, Math.ceil(total / MAX_POINTS));
  const xs: number[] = [];
  const ys: number[] = [];
  let seen = 0;
  for (let y = 0; y < mask.height; y += 1) {
    for (let x = 0; x < mask.width; x += 1) {
      if (mask.data[y * mask.width + x] === 1 && seen++ % keepEvery === 0) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

/** Sum of squared row counts after shearing by `slope`: large when lines fall on few rows. */
function profileSharpness(points: { xs: Float64Array; ys: Float64Array }, height: number, slope: number): number {
  const offset = Math.ceil(Math.abs(slope) * 1e5) + 1;
  const bins = new Float64Array(height + 2 * offset + 2);
  const { xs, ys } = points;
  for (let i = 0; i < xs.length; i += 1) {
    const y = ys[i] - xs[i] * slope + offset;
    const b = Math.floor(y);
    if (b >= 0 && b + 1 < bins.length) {
      // Split each point between its two nearest rows so the score varies smoothly with the angle.
      const f = y - b;
      bins[b] += 1 - f;
      bins[b + 1] += f;
    }
  }
  let sum = 0;
  for (const c of bins) {
    sum += c * c;
  }
  return sum;
}
