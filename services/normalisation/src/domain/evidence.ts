// Confidence from evidence: each field starts from how surely its cell was read, then the identities it takes
// part in raise it (all satisfied) or point at it (violated, and it is the term whose correction fixes them).
import type { Check } from '../../../../shared/contracts/report';
import { parseNumber, shapedLike } from '../../../../shared/domain/numbers';
import { Identity, equal, evaluateIdentity } from '../../../../shared/domain/identities';

export interface FieldDraft {
  value: number | null;
  raw: string;
  /** How surely the cell was read, 0..1. */
  readConfidence: number;
  /** False when the text is not a number. */
  parsed: boolean;
  /** Other readings of the cell. */
  alternatives: readonly string[];
  /** Whether the template allows a sign (本年增/减). */
  signed: boolean;
  /** False for a template key whose cell was not found in the document. */
  found: boolean;
  /** Why the cell's place in the grid is in doubt: no identity can vouch for a value read from the wrong place. */
  doubt?: string;
  /** The unit printed with the figure (万元 or 元, read as 万元). */
  unit?: string;
  /** How the key was given where a caption was not read (a reason shown, not a doubt: the grid is the template's). */
  placed?: string;
}

export interface FieldVerdict {
  confidence: number;
  reasons: string[];
  suggestion?: { value: number; reason: string };
  /** The cell's second reading, taken as the value: the first broke an identity that the second satisfies, and no
   * other term's second reading does (findCulprits), and the cell's place is not in doubt; or a reading that was no
   * number but has the shape of the value its identities give (D for 0: `shapedLike`). Always under review: the
   * readings disagreed, and the identity that chose between them cannot vouch for the one it chose. */
  adopted?: { value: number; raw: string };
}

// Satisfied identities leave a fifth of the doubt: a misread that keeps every identity true needs a second,
// compensating misread. A culprit keeps at most 0.3, an unexplained violation 0.5 for each of its terms.
const SATISFIED_DOUBT_FACTOR = 0.2;
const CULPRIT_CEILING = 0.3;
export const UNEXPLAINED_CEILING = 0.5;
const IMPLAUSIBLE_CEILING = 0.4;
const UNREADABLE = 0.05;
// A term read this much less surely than every other term of its identity is the likely misread.
const LEAST_SURE_MARGIN = 0.2;

const sum = (keys: readonly string[], values: (k: string) => number) => keys.reduce((s, k) => s + values(k), 0);

/** A draft as a term of an identity: blanks count as 0; a cell not found, or whose text is no number, is missing. */
const draftTerm = (fields: ReadonlyMap<string, FieldDraft>) => (k: string) => {
  const field = fields.get(k);
  return field?.found && field.parsed ? (field.value ?? 0) : undefined;
};

/** Evaluates the identities whose keys this document's template has (ok, broken, or unknown for a missing term). */
export function checkIdentities(identities: readonly Identity[], fields: ReadonlyMap<string, FieldDraft>): Check[] {
  return identities
    .filter((i) => [...i.left, ...i.right].every((k) => fields.has(k)))
    .map((i) => evaluateIdentity(i, draftTerm(fields)));
}

/** A confidence, reasons and possibly a suggestion for every field. */
export function weighEvidence(
  fields: ReadonlyMap<string, FieldDraft>,
  checks: readonly Check[],
): Map<string, FieldVerdict> {
  const byField = new Map<string, Check[]>();
  for (const check of checks) {
    for (const key of [...check.left, ...check.right]) {
      byField.set(key, [...(byField.get(key) ?? []), check]);
    }
  }
  const culprits = findCulprits(fields, checks, byField);
  // A second reading is taken only where the cell's place is not in doubt: an identity cannot choose the reading of a
  // cell that may not be the term's. Missing terms are then solved with the readings taken.
  const adopted = new Map(
    [...culprits].flatMap(([key, c]) =>
      c.decisive && c.secondReading !== undefined && !fields.get(key)?.doubt
        ? [[key, { value: c.value, raw: c.secondReading }] as const]
        : [],
    ),
  );
  const solved = solveMissing(
    new Map(
      [...fields].map(([key, f]) => {
        const taken = adopted.get(key);
        return [key, taken ? { ...f, ...taken, parsed: true } : f];
      }),
    ),
    checks,
  );
  const verdicts = new Map<string, FieldVerdict>();
  for (const [key, field] of fields) {
    const reasons: string[] = [];
    let confidence = field.readConfidence;
    if (!field.found) {
      const solution = solved.get(key);
      verdicts.set(key, {
        confidence: 0,
        reasons: ['not found in the document'],
        ...(solution ? { suggestion: solution.suggestion } : {}),
      });
      continue;
    }
    const solution = solved.get(key);
    const shaped = shapedReading(field, solution);
    if (shaped) {
      confidence = CULPRIT_CEILING;
      reasons.push(
        `read "${field.raw}": not a number, but in the shape of ${shaped.raw}, ${valueGivenBy(shaped.ids)} for this term; taken`,
      );
    } else if (!field.parsed) {
      confidence = UNREADABLE;
      reasons.push(`"${field.raw}" is not a number`);
    } else if (field.value !== null && field.value < 0 && !field.signed) {
      confidence = Math.min(confidence, IMPLAUSIBLE_CEILING);
      reasons.push('negative value in a count column');
    }
    const mine = byField.get(key) ?? [];
    const violated = mine.filter((c) => c.status === 'broken');
    const culprit = culprits.get(key);
    const taken = adopted.get(key);
    if (taken) {
      confidence = Math.min(confidence, CULPRIT_CEILING);
      reasons.push(
        `read "${field.raw}" first, which violates ${violated.map((c) => c.id).join(', ')}; the cell's second reading "${taken.raw}" satisfies ${violated.length > 1 ? 'them' : 'it'} and is taken`,
      );
    } else if (culprit?.decisive) {
      confidence = Math.min(confidence, CULPRIT_CEILING);
      reasons.push(`violates ${violated.map((c) => c.id).join(', ')}; ${culprit.reason}`);
    } else if (violated.some((c) => !hasCulprit(c, culprits))) {
      confidence = Math.min(confidence, UNEXPLAINED_CEILING);
      reasons.push(`term of violated ${violated.map((c) => c.id).join(', ')}`);
    } else if (mine.some((c) => c.ok) && violated.length === 0 && field.parsed) {
      // Only identities that hold vouch for a term; one with a missing term says nothing either way.
      confidence = 1 - (1 - confidence) * SATISFIED_DOUBT_FACTOR;
    }
    if (field.readConfidence < 0.9 && field.parsed && !taken) {
      reasons.push(`read with confidence ${field.readConfidence.toFixed(2)}`);
    }
    if (culprit && !culprit.decisive) {
      reasons.push(culprit.reason);
    }
    // Applied last: satisfied identities do not lift it, since a blank or zero read from the wrong cell
    // satisfies them as well as the right one (tables of zeros are common).
    if (field.doubt) {
      confidence = Math.min(confidence, UNEXPLAINED_CEILING);
      reasons.push(field.doubt);
    }
    if (field.placed) {
      reasons.push(field.placed);
    }
    const chosen = taken ?? (shaped && { value: shaped.value, raw: shaped.raw });
    const suggestion = chosen
      ? undefined
      : culprit
        ? { value: culprit.value, reason: culprit.reason }
        : solution?.suggestion;
    verdicts.set(key, {
      confidence,
      reasons,
      ...(suggestion ? { suggestion } : {}),
      ...(chosen ? { adopted: chosen } : {}),
    });
  }
  return verdicts;
}

/**
 * A cell read as no number whose text has the shape of the value its identities give (a fax's 0 read D): a reading
 * of the cell that the identities confirm, as a second reading is, not a value worked out. Not where the cell's
 * place is in doubt (an identity cannot vouch for a cell that may not be the term's).
 */
function shapedReading(field: FieldDraft, solution: Solution | undefined) {
  if (!solution || field.parsed || field.doubt || !shapedLike(field.raw, solution.suggestion.value)) {
    return undefined;
  }
  const { value } = solution.suggestion;
  return { value, raw: String(value), ids: solution.ids };
}

/** "the value a, b give": the identities that solve a term, named in a reason. */
const valueGivenBy = (ids: readonly string[]) => `the value ${ids.join(', ')} ${ids.length > 1 ? 'give' : 'gives'}`;

/** A missing term's value as its identities give it: the reviewer's suggestion, and the identities that give it. */
interface Solution {
  suggestion: { value: number; reason: string };
  ids: string[];
}

const hasCulprit = (check: Check, culprits: ReadonlyMap<string, { decisive: boolean }>) =>
  [...check.left, ...check.right].some((k) => culprits.get(k)?.decisive);

/**
 * For each violated identity, the one term whose corrected value would satisfy every identity it is in.
 * Preferred: the term in the most violated identities, then one whose alternative reading is that value,
 * then the least surely read. Without evidence for it (decisive false) the term still gets the suggestion,
 * but all terms of the identity are flagged.
 */
function findCulprits(
  fields: ReadonlyMap<string, FieldDraft>,
  checks: readonly Check[],
  byField: ReadonlyMap<string, Check[]>,
) {
  const culprits = new Map<string, { value: number; reason: string; decisive: boolean; secondReading?: string }>();
  for (const check of checks.filter((c) => c.status === 'broken')) {
    const [leftValue, rightValue] = [check.leftValue ?? 0, check.rightValue ?? 0];
    const candidates = [...new Set([...check.left, ...check.right])].flatMap((key) => {
      const field = fields.get(key);
      if (!field) {
        return [];
      }
      const onLeft = check.left.includes(key);
      const corrected = (field.value ?? 0) + (onLeft ? rightValue - leftValue : leftValue - rightValue);
      if (corrected < 0 && !field.signed) {
        return [];
      }
      const own = byField.get(key) ?? [];
      const fixesAll = own.filter((c) => c.status !== 'unknown').every((c) => holdsWith(c, key, corrected, fields));
      if (!fixesAll) {
        return [];
      }
      const violatedCount = own.filter((c) => c.status === 'broken').length;
      const secondReading = field.alternatives.find((a) => equal(parseNumber(a).value ?? NaN, corrected));
      return [
        {
          key,
          corrected,
          violatedCount,
          alternative: secondReading !== undefined,
          secondReading,
          confidence: field.parsed ? field.readConfidence : 0,
        },
      ];
    });
    candidates.sort(
      (a, b) =>
        b.violatedCount - a.violatedCount ||
        Number(b.alternative) - Number(a.alternative) ||
        a.confidence - b.confidence,
    );
    const [best, next] = candidates;
    if (!best) {
      continue;
    }
    // Evidence that this term, and not another, was misread: it breaks more identities than any other
    // candidate, a second reading of it gives the fixing value, or it was read clearly less surely than
    // every other term. Being the only term whose fix is non-negative is not evidence on its own.
    const others = [...check.left, ...check.right]
      .filter((k) => k !== best.key)
      .map((k) => fields.get(k)?.readConfidence ?? 0);
    const decisive =
      (best.violatedCount > 1 && (!next || best.violatedCount > next.violatedCount)) ||
      (best.alternative && !next?.alternative) ||
      best.confidence < Math.min(1, ...others) - LEAST_SURE_MARGIN;
    const why =
      best.violatedCount > 1
        ? `the only value satisfying all ${best.violatedCount} identities it is in`
        : best.alternative
          ? 'a second reading of the cell gives this value, which satisfies the identity'
          : decisive
            ? 'the least surely read term; this value satisfies the identity'
            : 'the only term whose correction satisfies the identity, but nothing else points at it';
    // A second reading that gives the fixing value is a reading of the cell, not a value worked out: it is taken (and
    // the field stays under review); a value only the identity gives is a suggestion, never a value.
    const found = {
      value: Math.round(best.corrected * 1e9) / 1e9,
      reason: `suggested ${best.corrected}: ${why}`,
      decisive,
      ...(best.alternative && !next?.alternative ? { secondReading: best.secondReading } : {}),
    };
    if (decisive || !culprits.has(best.key)) {
      culprits.set(best.key, found);
    }
  }
  return culprits;
}

function holdsWith(check: Check, key: string, value: number, fields: ReadonlyMap<string, FieldDraft>): boolean {
  const v = (k: string) => (k === key ? value : (fields.get(k)?.value ?? 0));
  return equal(sum(check.left, v), sum(check.right, v));
}

/**
 * The value of a missing term (not found, or not a number) that an identity gives, where it is the identity's only
 * missing term: a suggestion for the reviewer, never a value. Identities that disagree on it give none.
 */
function solveMissing(fields: ReadonlyMap<string, FieldDraft>, checks: readonly Check[]): Map<string, Solution> {
  const values = new Map<string, { value: number; ids: string[] }[]>();
  const term = draftTerm(fields);
  for (const check of checks.filter((c) => c.status === 'unknown' && c.missing.length === 1)) {
    const [key] = check.missing;
    const known = (keys: readonly string[]) => keys.filter((k) => k !== key).reduce((s, k) => s + (term(k) ?? 0), 0);
    const value = check.left.includes(key)
      ? known(check.right) - known(check.left)
      : known(check.left) - known(check.right);
    if (value < 0 && !fields.get(key)?.signed) {
      continue;
    }
    const same = values.get(key)?.find((v) => equal(v.value, value));
    if (same) {
      same.ids.push(check.id);
    } else {
      values.set(key, [...(values.get(key) ?? []), { value, ids: [check.id] }]);
    }
  }
  const out = new Map<string, Solution>();
  for (const [key, candidates] of values) {
    if (candidates.length === 1) {
      const [{ value, ids }] = candidates;
      out.set(key, {
        suggestion: {
          value: Math.round(value * 1e9) / 1e9,
          reason: `suggested ${value}: ${valueGivenBy(ids)} for this missing term`,
        },
        ids,
      });
    }
  }
  return out;
}
