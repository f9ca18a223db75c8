// Identities evaluated: a missing term makes a check unknown, never ok; a correction checks them again; the
// review summary follows the flags; a missing term gets the value its identity gives as a suggestion only.
import { assembleReport, DocumentTable } from '../../services/normalisation/src/assemble-report';
import { FieldDraft, checkIdentities, weighEvidence } from '../../services/normalisation/src/domain/evidence';
import type { Field } from '../../shared/contracts/report';
import { evaluateIdentity, fieldTermValue, recheck } from '../../shared/domain/identities';
import { applyReviews } from '../../shared/domain/review';
import { SHIZUISHAN, loadTruth, truthCells } from '../../harness/corpus';

const identity = { id: 'sum', description: 'a + b = total', left: ['a', 'b'], right: ['total'] };
const field = (value: number | null, over: Partial<Field> = {}): Field => ({
  value,
  raw: value === null ? '' : String(value),
  confidence: 0.99,
  needsReview: false,
  reasons: [],
  page: 1,
  bbox: null,
  found: true,
  ...over,
});

describe('evaluateIdentity', () => {
  it('is ok when the sides agree, broken when not, unknown with the missing terms when one is missing', () => {
    const values: Record<string, number | undefined> = { a: 2, b: 3, total: 5 };
    expect(evaluateIdentity(identity, (k) => values[k])).toMatchObject({
      status: 'ok',
      ok: true,
      leftValue: 5,
      rightValue: 5,
      missing: [],
    });
    values.total = 6;
    expect(evaluateIdentity(identity, (k) => values[k])).toMatchObject({
      status: 'broken',
      ok: false,
      leftValue: 5,
      rightValue: 6,
    });
    // 2 + 3 = 5 would hold with b taken as 0 or anything else: a missing term is not a zero.
    values.total = 2;
    values.b = undefined;
    expect(evaluateIdentity(identity, (k) => values[k])).toMatchObject({
      status: 'unknown',
      ok: false,
      leftValue: null,
      rightValue: null,
      missing: ['b'],
    });
  });
});

describe('fieldTermValue', () => {
  it('counts blanks as 0, takes reviewed values, and treats a field not found or not a number as missing', () => {
    expect(fieldTermValue(field(7))).toBe(7);
    expect(fieldTermValue(field(null))).toBe(0);
    expect(fieldTermValue(field(null, { found: false }))).toBeUndefined();
    expect(fieldTermValue(field(null, { raw: '1O' }))).toBeUndefined();
    expect(fieldTermValue(undefined)).toBeUndefined();
    const reviewed = field(4, {
      found: false,
      review: { by: 'r', at: '2026-11-28T00:00:00Z', previous: { value: null, raw: '' } },
    });
    expect(fieldTermValue(reviewed)).toBe(4);
  });
});

describe('a report checked again after corrections', () => {
  const truth = loadTruth(SHIZUISHAN);
  const tables: DocumentTable[] = truth.tables.map((t, i) => ({ id: `t${i}`, pages: [1], cells: truthCells(t) }));
  const assembled = assembleReport({
    documentId: 'doc',
    source: { filename: 'x.pdf', sha256: 'f'.repeat(64), pages: 1 },
    pages: [],
    tables,
    reviewThreshold: 0.9,
    tableFailures: [],
  });
  const key = 'applications.newlyReceived.total';
  const mine = (checks: typeof assembled.checks) => checks.filter((c) => c.left.includes(key) || c.right.includes(key));

  it('starts whole: every identity holds, nothing to review', () => {
    expect(assembled.checks.every((c) => c.status === 'ok')).toBe(true);
    expect(assembled.review).toEqual({ status: 'not-needed', flagged: 0, reviewed: 0 });
  });

  it('breaks the identities a wrong correction breaks, and mends them when corrected back', () => {
    const value = assembled.fields[key].value as number;
    const review = (raw: string, at: number) => ({
      _id: `r${at}`,
      documentId: 'doc',
      field: key,
      reviewer: 'rita',
      at: new Date(at),
      old: { value, raw: String(value) },
      new: { value: Number(raw), raw },
    });
    const wrong = applyReviews(assembled, [review(String(value + 1), 1)]);
    expect(mine(wrong.checks).length).toBeGreaterThan(0);
    expect(mine(wrong.checks).every((c) => c.status === 'broken')).toBe(true);
    expect(wrong.review).toEqual({ status: 'reviewed', flagged: 0, reviewed: 1 });
    const mended = applyReviews(assembled, [review(String(value + 1), 1), review(String(value), 2)]);
    expect(mended.checks.every((c) => c.status === 'ok')).toBe(true);
  });

  it('makes the identities of a field not found unknown, never ok', () => {
    const missingKey = 'applications.newlyReceived.naturalPerson';
    const without = { ...assembled, fields: { ...assembled.fields, [missingKey]: field(null, { found: false }) } };
    const checked = recheck(without);
    const unknown = checked.checks.filter((c) => c.missing.includes(missingKey));
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((c) => c.status === 'unknown' && !c.ok)).toBe(true);
  });
});

describe('evidence from identities with a missing term', () => {
  const draft = (value: number | null, over: Partial<FieldDraft> = {}): FieldDraft => ({
    value,
    raw: value === null ? '' : String(value),
    readConfidence: 0.8,
    parsed: true,
    alternatives: [],
    signed: false,
    found: true,
    ...over,
  });
  const weigh = (b: FieldDraft) => {
    const fields = new Map([
      ['a', draft(2)],
      ['b', b],
      ['total', draft(5)],
    ]);
    const checks = checkIdentities([identity], fields);
    return { checks, verdicts: weighEvidence(fields, checks) };
  };

  it('lifts the terms of an identity that holds', () => {
    const { checks, verdicts } = weigh(draft(3));
    expect(checks[0].status).toBe('ok');
    expect(verdicts.get('a')?.confidence).toBeGreaterThan(0.9);
  });

  it('neither lifts nor blames the other terms when one is missing, and suggests the missing one from the identity', () => {
    const { checks, verdicts } = weigh(draft(null, { found: false, readConfidence: 0 }));
    expect(checks[0]).toMatchObject({ status: 'unknown', missing: ['b'] });
    expect(verdicts.get('a')?.confidence).toBeCloseTo(0.8);
    expect(verdicts.get('total')?.confidence).toBeCloseTo(0.8);
    expect(verdicts.get('b')).toMatchObject({
      confidence: 0,
      reasons: ['not found in the document'],
      suggestion: { value: 3 },
    });
    expect(verdicts.get('b')?.suggestion?.reason).toMatch(/sum gives/);
  });

  it('takes a reading in the shape of the value the identity gives (a 0 read D), under review, with the reason', () => {
    const fields = new Map([
      ['a', draft(5)],
      ['b', draft(null, { raw: 'D', parsed: false })],
      ['total', draft(5)],
    ]);
    const b = weighEvidence(fields, checkIdentities([identity], fields)).get('b');
    expect(b?.adopted).toEqual({ value: 0, raw: '0' });
    expect(b?.suggestion).toBeUndefined();
    expect(b?.confidence).toBeLessThan(0.5);
    expect(b?.reasons).toEqual([
      'read "D": not a number, but in the shape of 0, the value sum gives for this term; taken',
    ]);
  });

  it('leaves a reading not in the shape of that value, or in a cell whose place is in doubt, as no number', () => {
    const verdictOf = (b: FieldDraft, a = 2) => {
      const fields = new Map([
        ['a', draft(a)],
        ['b', b],
        ['total', draft(5)],
      ]);
      return weighEvidence(fields, checkIdentities([identity], fields)).get('b');
    };
    const notThree = verdictOf(draft(null, { raw: 'D', parsed: false }));
    expect(notThree?.adopted).toBeUndefined();
    expect(notThree).toMatchObject({ confidence: 0.05, suggestion: { value: 3 } });
    const doubtful = verdictOf(draft(null, { raw: 'D', parsed: false, doubt: 'the row may be another' }), 5);
    expect(doubtful?.adopted).toBeUndefined();
    expect(doubtful?.suggestion).toMatchObject({ value: 0 });
  });

  it('gives no suggestion a count could not take (negative)', () => {
    const fields = new Map([
      ['a', draft(7)],
      ['b', draft(null, { found: false, readConfidence: 0 })],
      ['total', draft(5)],
    ]);
    expect(weighEvidence(fields, checkIdentities([identity], fields)).get('b')?.suggestion).toBeUndefined();
  });
});
