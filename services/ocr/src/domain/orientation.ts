// Quarter turns: whether a page's text lines run across it or down it. Lines of text make the profile of
// ink per row spiky (line, gap, line); across the other direction the profile is flat.
import type { Mask } from '../../../../shared/domain/rulings';

// Down must beat across clearly: a page of tables has spiky profiles both ways, and is upright far more often.
const MARGIN = 1.5;

/** True when the ink's column profile is clearly sharper than its row profile: the page lies on its side. */
export function liesOnItsSide(mask: Mask): boolean {
  const rows = new Float64Array(mask.height);
  const cols = new Float64Array(mask.width);
  for (let y = 0; y < mask.height; y += 1) {
    for (let x = 0; x < mask.width; x += 1) {
      const v = mask.data[y * mask.width + x];
      rows[y] += v;
      cols[x] += v;
    }
  }
  return spikiness(cols) > MARGIN * spikiness(rows);
}

/** Squared coefficient of variation of the non-empty part of a profile. */
function spikiness(profile: Float64Array): number {
  let first = 0;
  let last = profile.length - 1;
  while (first < last && profile[first] === 0) {
    first += 1;
  }
  while (last > first && profile[last] === 0) {
    last -= 1;
  }
  const part = profile.subarray(first, last + 1);
  const mean = part.reduce((s, v) => s + v, 0) / Math.max(1, part.length);
  if (mean === 0) {
    return 0;
  }
  const variance = part.reduce((s, v) => s + (v - mean) ** 2, 0) / part.length;
  return variance / (mean * mean);
}
