// The normalisation stage: recognised pages and joined tables in, the report out. Pure: the handler and the
// one-process CLI both call it.
import { roundBox } from '../../../shared/contracts/geometry';
import type { PageRecognition } from '../../../shared/contracts/page';
import { Field, Report, ReportTable, TemplateId, reportSchema } from '../../../shared/contracts/report';
import { PermanentError } from '../../../shared/errors/errors';
import type { Cell } from '../../../shared/contracts/table';
import { documentMeta } from './domain/document-meta';
import { FieldDraft, UNEXPLAINED_CEILING, checkIdentities, weighEvidence } from './domain/evidence';
import { isLegacyTable, legacyCoverage, legacyIdentities, mapLegacy } from './domain/legacy';
import { assessQuality } from './domain/quality';
import { TemplateTable, identifyTable, mapByShape, mapTable, snapLabels, tableByShape } from './domain/map-2019';
import {
  parseNumber,
  splitAsPoint,
  withUnitInShape,
  withoutStrayMarks,
  valueTypeOf,
} from '../../../shared/domain/numbers';
import { Located, Resolved, resolveKeys } from './domain/resolve-keys';
import { proseText } from './domain/prose';
import { templateCaptions, templateIdentities, templateKeys } from './domain/template-2019';
import { Identity, reviewSummary } from '../../../shared/domain/identities';

export interface DocumentTable {
  id: string;
  pages: number[];
  cells: Cell[];
}

export interface AssembleInput {
  documentId: string;
  source: { filename: string; sha256: string; pages: number };
  pages: readonly PageRecognition[];
  tables: readonly DocumentTable[];
  /** Fields and cells below this confidence are flagged for review. */
  reviewThreshold: number;
  /** Pages whose tables the table stage gave up on, with the reason. */
  tableFailures: readonly { page: number; failure: string }[];
}

/** Builds the report of one document. */
export function assembleReport(input: AssembleInput): Report {
  const named = input.tables.map((t) => {
    const name = isLegacyTable(t.cells) ? 'legacyStatistics' : identifyTable(t.cells);
    return { table: name && name !== 'legacyStatistics' ? { ...t, cells: snapLabels(name, t.cells) } : t, name };
  });
  const template: TemplateId = named.some((n) => n.name && n.name !== 'legacyStatistics')
    ? 'gov-disclosure-2019'
    : named.some((n) => n.name === 'legacyStatistics')
      ? 'gov-disclosure-legacy'
      : null;
  const located: Located[] = named.flatMap(({ table, name }): Located[] => {
    if (template === 'gov-disclosure-2019' && name && name !== 'legacyStatistics') {
      return mapTable(name as TemplateTable, table.cells);
    }
    return template === 'gov-disclosure-legacy' && name === 'legacyStatistics' ? mapLegacy(table.cells) : [];
  });
  if (template === 'gov-disclosure-2019') {
    located.push(
      ...placedByShape(
        named.filter((n) => !n.name).map((n) => n.table),
        named.map((n) => n.name),
        input.reviewThreshold,
      ),
    );
  }
  const resolved = resolveKeys(located);
  const drafts = draftFields(template, resolved);
  const identities: Identity[] =
    template === 'gov-disclosure-2019'
      ? templateIdentities()
      : template === 'gov-disclosure-legacy'
        ? legacyIdentities([...drafts.keys()])
        : [];
  const verdicts = weighEvidence(drafts, checkIdentities(identities, drafts));
  // A cell's second reading taken as its value (evidence.ts): the report's identities are those of the values it gives.
  const firstReadings = new Map<string, string>();
  for (const [key, verdict] of verdicts) {
    const draft = drafts.get(key);
    if (verdict.adopted && draft) {
      firstReadings.set(key, draft.raw);
      drafts.set(key, { ...draft, value: verdict.adopted.value, raw: verdict.adopted.raw, parsed: true });
    }
  }
  const checks = checkIdentities(identities, drafts);
  const where = new Map(resolved.map((l) => [l.key, l]));
  const fields: Record<string, Field> = {};
  const captions =
    template === 'gov-disclosure-2019'
      ? templateCaptions()
      : // The legacy 统计表: 统计指标 | 单位 | 统计数, the key's label is the row's.
        new Map([...drafts.keys()].map((k) => [k, { row: k.slice(k.indexOf('.') + 1), column: '统计数' }]));
  for (const [key, draft] of drafts) {
    const verdict = verdicts.get(key) ?? { confidence: 0, reasons: [] };
    const at = where.get(key);
    fields[key] = {
      value: draft.parsed ? draft.value : null,
      raw: draft.raw,
      confidence: round(verdict.confidence),
      needsReview: verdict.confidence < input.reviewThreshold || firstReadings.has(key),
      reasons: verdict.reasons,
      ...(verdict.suggestion ? { suggestion: verdict.suggestion } : {}),
      ...((at?.unit ?? draft.unit) ? { unit: at?.unit ?? draft.unit } : {}),
      page: at?.cell.page ?? null,
      bbox: at ? roundBox(at.cell.bbox) : null,
      found: draft.found,
      ...(firstReadings.has(key) ? { firstReading: firstReadings.get(key) } : {}),
      ...(captions.has(key) ? { caption: captions.get(key) } : {}),
    };
  }
  const flaggedCells = new Map(located.map((l) => [l.cell, fields[l.key].needsReview]));
  const text = proseText(input.pages);
  const pages = [...input.pages]
    .sort((a, b) => a.page - b.page)
    .map((p) => ({
      page: p.page,
      source: p.source,
      skewDegrees: p.skewDegrees,
      rotation: p.rotation,
      ...(p.blank ? { blank: true } : {}),
      ...(p.failure ? { failure: p.failure } : {}),
      ...(p.geometry ? { geometry: p.geometry } : {}),
      ...tablesFailureOf(input, p.page),
    }));
  const found = [...drafts.values()].filter((d) => d.found).length;
  const coverage =
    template === 'gov-disclosure-legacy'
      ? legacyCoverage([...drafts.keys()])
      : { expected: template === 'gov-disclosure-2019' ? drafts.size : 0, found };
  const { agency, year, agencyConfirmed } = documentMeta(text);
  // A title read by OCR whose agency the rest of the text never writes so may be misread (石嘴山 read 石t 山 on a
  // defocused scan, every other mention garbled too): downstream systems find reports by agency, so it is flagged.
  const titleByOcr = [...input.pages].sort((a, b) => a.page - b.page).find((p) => p.lines.length > 0)?.source === 'ocr';
  return validReport({
    documentId: input.documentId,
    source: input.source,
    template,
    agency,
    year,
    fields,
    tables: named.map(({ table, name }) => reportTable(table, name, flaggedCells, input.reviewThreshold)),
    text,
    checks,
    pages,
    quality: assessQuality({
      template,
      fieldsExpected: coverage.expected,
      fieldsFound: coverage.found,
      checks,
      pages,
      proseLines: input.pages.filter((p) => p.source === 'ocr').flatMap((p) => p.lines),
      ...(agency !== null && !agencyConfirmed && titleByOcr ? { unconfirmedAgency: agency } : {}),
      agency,
      year,
    }),
    review: reviewSummary(fields),
  });
}

function tablesFailureOf(input: AssembleInput, page: number): { tablesFailure?: string } {
  const failure = input.tableFailures.find((f) => f.page === page)?.failure;
  return failure ? { tablesFailure: failure } : {};
}

/** The report checked against its contract: a report that breaks it is a bug, never to be stored or sent. */
function validReport(report: Report): Report {
  const parsed = reportSchema.safeParse(report);
  if (!parsed.success) {
    throw new PermanentError(
      `the assembled report breaks its contract: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

/**
 * The values of grids none of whose labels were read, placed by their shape (map-2019.ts tableByShape): a template
 * table the document has no other grid for, kept only where more of its identities hold than break, which a grid
 * of other figures placed there would not do. A break counts against the placement only where every term of it was
 * read surely (at `sureConfidence`, the review threshold: below it a reading is, by the calibration, in doubt): a
 * break over a doubtful digit is the misreading's, not the place's (a 200 dpi fax's all-zero section 三, where 5
 * identities broke on misread digits and refused the whole grid, 26 of 198 fields read).
 */
function placedByShape(
  unnamed: readonly DocumentTable[],
  named: readonly (string | null)[],
  sureConfidence: number,
): Located[] {
  const taken = new Set(named);
  return unnamed.flatMap((table) => {
    const name = tableByShape(table.cells);
    if (!name || taken.has(name)) {
      return [];
    }
    const mapped = mapByShape(name, table.cells);
    const at = new Map(mapped.map((m) => [m.key, m.cell]));
    const checks = checkIdentities(
      templateIdentities(),
      draftFields('gov-disclosure-2019', resolveKeys(mapped)),
    ).filter((c) => [...c.left, ...c.right].every((k) => at.has(k)));
    const terms = (c: (typeof checks)[number]) => [...c.left, ...c.right].map((k) => at.get(k) as Cell);
    // Identities along a row vouch for the columns' order, those down a column for the rows': each kind must hold
    // more often than it breaks (rows in the wrong order still add up along themselves). 0 = 0 vouches for nothing:
    // a grid of zeros is right in any order.
    const along = (c: (typeof checks)[number]) => new Set(terms(c).map((cell) => cell.row)).size === 1;
    const bearsOut = (some: typeof checks) => {
      const broken = some.filter(
        (c) => c.status === 'broken' && terms(c).every((cell) => cell.confidence >= sureConfidence),
      ).length;
      return broken === 0 || some.filter((c) => c.status === 'ok' && c.leftValue !== 0).length > broken;
    };
    if (checks.length === 0 || !bearsOut(checks.filter(along)) || !bearsOut(checks.filter((c) => !along(c)))) {
      return [];
    }
    taken.add(name);
    return mapped;
  });
}

/** Every key of the template (missing ones as unread blanks), or the legacy keys that were found. */
function draftFields(template: TemplateId, located: readonly Resolved[]): Map<string, FieldDraft> {
  const drafts = new Map<string, FieldDraft>();
  if (template === 'gov-disclosure-2019') {
    for (const key of templateKeys()) {
      drafts.set(key, {
        value: null,
        raw: '',
        readConfidence: 0,
        parsed: true,
        alternatives: [],
        signed: false,
        found: false,
      });
    }
  }
  for (const { key, cell, doubt: placeDoubt, placed } of located) {
    // Marks read beside a figure (a speck, a stain's edge, a pen's tick) are left out of it, and a unit in the shape of
    // 万元 is read as 万元; either way the value is in doubt.
    // Thousands are never separated by a space in these reports: a space between digits is a decimal point
    // or a digit the scan lost (855.034 read as "855 034"), and the number as read is in doubt; in an amount with its
    // unit it is read as the point (`splitAsPoint`).
    const read = parseNumber(cell.text, { dashIsZero: true });
    const stray = read.ok ? undefined : withoutStrayMarks(cell.text);
    const unitShaped = read.ok || stray ? undefined : withUnitInShape(cell.text);
    const split = DIGITS_SPLIT.test(cell.text);
    const pointed = split ? splitAsPoint(unitShaped?.text ?? cell.text) : undefined;
    const parsed = stray?.number ?? pointed ?? unitShaped?.number ?? read;
    const doubt =
      placeDoubt ??
      (stray
        ? `"${cell.text}" read with marks beside the figure ("${stray.marks}"): a speck or a stain, or a digit or point the scan lost`
        : undefined) ??
      (split ? `a space inside the number "${cell.text}": a decimal point or a digit may be lost` : undefined) ??
      (unitShaped ? `the unit read "${unitShaped.unit}", in the shape of 万元, taken as 万元` : undefined);
    if (template === 'gov-disclosure-2019' && !drafts.has(key)) {
      continue;
    }
    drafts.set(key, {
      value: parsed.value,
      raw: cell.text,
      // A figure read with marks is as doubtful as its doubt says (evidence.ts caps a doubted field there) in the
      // identities too: a lost digit must not make a surely read term the culprit of the identity it breaks.
      readConfidence: stray || unitShaped || pointed ? Math.min(cell.confidence, UNEXPLAINED_CEILING) : cell.confidence,
      parsed: parsed.ok,
      alternatives: cell.alternatives.map((a) => a.text),
      signed: key.endsWith('.changeThisYear'),
      found: true,
      ...(doubt ? { doubt } : {}),
      ...(parsed.unit ? { unit: parsed.unit } : {}),
      ...(placed ? { placed } : {}),
    });
  }
  return drafts;
}

function reportTable(
  table: DocumentTable,
  name: string | null,
  flagged: ReadonlyMap<Cell, boolean>,
  threshold: number,
): ReportTable {
  return {
    id: table.id,
    name,
    pages: table.pages,
    cells: table.cells.map((c) => ({
      row: c.row,
      col: c.col,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      text: c.text,
      confidence: round(c.confidence),
      needsReview: flagged.get(c) ?? c.confidence < threshold,
      valueType: valueTypeOf(c.text),
      ...(c.structureDoubt ? { structureDoubt: c.structureDoubt } : {}),
      page: c.page,
      bbox: roundBox(c.bbox),
    })),
  };
}

const DIGITS_SPLIT = /\d\s+\d/;

const round = (v: number) => Math.round(v * 1000) / 1000;
