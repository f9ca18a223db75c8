// The targets for the unseen-capture run, per draw's device: a scanner's captures are held to the
// scanned corpus's floors, a phone's or a fax's to the fax-like matrix row's looser ones.
import type { FileResult } from '../convert-and-score';
import type { Device } from './families';

/** A document whose prose reads this badly must put itself in front of a person (quality not ok). */
const UNREADABLE_CER = 0.05;

/** The targets one converted draw missed, named. */
export function targetsMissed(device: Device, r: FileResult): string[] {
  const missed: string[] = [];
  const fields = r.fields.correct / (r.fields.total || 1);
  const review = r.fields.flagged / (r.fields.total || 1);
  // Silent errors: at most 0.1% on every capture (the matrix's floor).
  if (r.fields.silentErrors / (r.fields.total || 1) > 0.001) {
    missed.push('silent errors > 0.1%');
  }
  const [minFields, maxReview, maxCer] = device === 'scanner' ? [0.99, 0.03, 0.01] : [0.97, 0.1, 0.02];
  if (fields < minFields) {
    missed.push(`fields < ${minFields * 100}%`);
  }
  if (review > maxReview) {
    missed.push(`review load > ${maxReview * 100}%`);
  }
  if (r.cer > maxCer) {
    missed.push(`CER > ${maxCer * 100}%`);
  }
  if (r.cer > UNREADABLE_CER && r.quality === 'ok') {
    missed.push(`CER > ${UNREADABLE_CER * 100}% not flagged`);
  }
  return missed;
}
