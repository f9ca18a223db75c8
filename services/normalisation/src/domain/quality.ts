// The document's verdict on itself: whether the template was found, how much of it the tables yielded, how
// many identities hold and how many pages were read. A report that is not whole says so at the top, so that
// no downstream system takes a failed reading for a clean, empty success.
import type { Check, Quality, TemplateId } from '../../../../shared/contracts/report';
import { proseConfidence } from '../../../../shared/domain/lines';

export interface QualityInput {
  template: TemplateId;
  /** Keys the template expects (2019: every template key; legacy: the indicators its identities name). */
  fieldsExpected: number;
  fieldsFound: number;
  checks: readonly Check[];
  pages: readonly { page: number; source: string; blank?: boolean; tablesFailure?: string }[];
  /** The prose lines read by OCR (text-layer lines are certain and left out). */
  proseLines: readonly { text: string; confidence: number }[];
  /** The agency as read by OCR from the title, where the rest of the text never writes it so. */
  unconfirmedAgency?: string;
  /** What the report's title gave: downstream systems find reports by agency and year. */
  agency: string | null;
  year: number | null;
}

// Below 90% of the template's fields found, whole table parts are missing: single missing cells are flagged
// field by field, a tenth of the template (20 of 198 fields, three rows of section 三) is a table misread.
const MIN_FIELDS_FOUND = 0.9;
// Identities hold on every correctly read report; more than a fifth of them broken means the reading of the
// tables went wrong as a whole (misaligned columns, rows swapped), beyond what per-field flags convey.
const MAX_BROKEN_IDENTITIES = 0.2;

// Prose read with a mean confidence under this is flagged: its CER is likely over 5%. Calibrated on whole documents
// (mean confidence by characters -> prose CER), 2026-11-29: clean corpus scans 0.954-0.955 -> 0.45-0.56%; unseen
// phone, faded and marked captures 0.948-0.954 -> 0.38-1.78%; Yinchuan rendered at 90 dpi 0.942 -> 2.0%, at 72 dpi
// 0.902 -> 12.0%. Tesseract's confidence moves little while the text is right. 2026-11-30, 50 reports of two fresh
// unseen-capture runs: 0.950-0.955 -> 0.23-1.25%; 0.945-0.946 -> 2.9-3.4% (pen marks on a fax); 0.941 -> 4.0-4.5%
// (defocused, a phone with pen marks); 0.930 -> 9.8% (a scan defocused by 0.011 in), which the first calibration's
// 0.930 let through. The threshold is midway between the last two.
const MIN_PROSE_CONFIDENCE = 0.935;

/** The report's `quality`: figures and the problems a person must look at; status ok only with none. */
export function assessQuality(input: QualityInput): Quality {
  const problems: string[] = [];
  if (input.template === null) {
    problems.push('no report template was recognised in the tables: nothing could be mapped to fields');
  }
  const share = input.fieldsExpected > 0 ? input.fieldsFound / input.fieldsExpected : 0;
  if (input.template !== null && share < MIN_FIELDS_FOUND) {
    problems.push(
      `only ${input.fieldsFound} of the template's ${input.fieldsExpected} fields were found in the tables`,
    );
  }
  // Identities with a missing term are neither broken nor kept; missing fields are counted above.
  const checked = input.checks.filter((c) => c.status !== 'unknown').length;
  const satisfied = input.checks.filter((c) => c.status === 'ok').length;
  if (checked > 0 && (checked - satisfied) / checked > MAX_BROKEN_IDENTITIES) {
    problems.push(`${checked - satisfied} of ${checked} accounting identities do not hold`);
  }
  const failed = input.pages.filter((p) => p.source === 'failed').map((p) => p.page);
  if (failed.length > 0) {
    problems.push(`page${failed.length > 1 ? 's' : ''} ${failed.join(', ')} could not be read`);
  }
  const noTables = input.pages.filter((p) => p.tablesFailure).map((p) => p.page);
  if (noTables.length > 0) {
    problems.push(`the tables of page${noTables.length > 1 ? 's' : ''} ${noTables.join(', ')} could not be read`);
  }
  const prose = proseConfidence(input.proseLines);
  if (prose !== null && prose < MIN_PROSE_CONFIDENCE) {
    problems.push(`the prose reads poorly (mean OCR confidence ${prose.toFixed(2)}): check its text against the pages`);
  }
  // A report of the template names its agency and year in its title; where neither the title nor the text gave them
  // (a pen's stroke through 公安局2020年, read 公安屋2020杰), the report cannot be found by them.
  const unread = [...(input.agency === null ? ['agency'] : []), ...(input.year === null ? ['year'] : [])];
  if (input.template !== null && unread.length > 0) {
    problems.push(`the ${unread.join(' and ')} could not be read from the title: check the first page`);
  }
  if (input.unconfirmedAgency) {
    problems.push(
      `the agency read from the title, ${input.unconfirmedAgency}, is written nowhere else in the text: check it against the first page`,
    );
  }
  return {
    status: problems.length === 0 ? 'ok' : 'needs-attention',
    problems,
    templateFound: input.template !== null,
    fieldsExpected: input.fieldsExpected,
    fieldsFound: input.fieldsFound,
    identitiesChecked: checked,
    identitiesSatisfied: satisfied,
    identitiesUnknown: input.checks.length - checked,
    pagesTotal: input.pages.length,
    pagesRead: input.pages.length - failed.length,
    pagesBlank: input.pages.filter((p) => p.blank).length,
    proseConfidence: prose === null ? null : Math.round(prose * 1000) / 1000,
  };
}
