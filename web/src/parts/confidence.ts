// Confidence and reasons as a person reads them.
// Two decimals say most; a field flagged just under a strict threshold (0.999) needs the digits that show it is
// under 1: up to four, as many as make it differ from 1.00.
const MAX_DECIMALS = 4;

export function confidenceText(confidence: number): string {
  for (let d = 2; d < MAX_DECIMALS; d += 1) {
    if (confidence >= 1 || Number(confidence.toFixed(d)) < 1) {
      return confidence.toFixed(d);
    }
  }
  return confidence.toFixed(MAX_DECIMALS);
}
