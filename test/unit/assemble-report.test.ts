// Normalisation over real reports' tables (from the truth files): template recognition, keys by label,
// identities, review flags and suggestions.
import type { Cell } from '../../shared/contracts/table';
import { reportSchema } from '../../shared/contracts/report';
import { assembleReport, DocumentTable } from '../../services/normalisation/src/assemble-report';
import { templateKeys } from '../../services/normalisation/src/domain/template-2019';
import { NINGXIA, SHIZUISHAN, type Truth, YINCHUAN, loadTruth, truthCells } from '../../harness/corpus';
import { PermanentError } from '../../shared/errors/errors';
import { confirmable } from '../../services/upload/src/use-cases/confirm-batch';
import { reviewedField } from '../../shared/domain/review';
import { pageRecord } from '../../harness/page-record';

// A key given by the cell's place where a caption was not read says so (the grid is the template's, so it is no doubt).
const PLACED_ROW = "the row caption was not read: the key comes from the cell's place in the template's grid";
const PLACED_COLUMN = "the column caption was not read: the key comes from the cell's place in the template's grid";

const tablesOf = (truth: Truth, edit: (name: string, cells: Cell[]) => Cell[] = (_n, c) => c): DocumentTable[] =>
  truth.tables.map((t, i) => ({ id: `t${i}`, pages: [1], cells: edit(t.name, truthCells(t)) }));

const assemble = (tables: DocumentTable[], text = '') =>
  assembleReport({
    documentId: 'doc',
    source: { filename: 'x.pdf', sha256: 'f'.repeat(64), pages: 1 },
    pages: text
      ? [
          {
            ...pageRecord({ documentId: 'doc' }),
            lines: text.split('\n').map((t, i) => ({
              text: t,
              confidence: 0.95,
              words: [],
              bbox: { x: 60, y: 60 + i * 20, width: 100, height: 14 },
            })),
          },
        ]
      : [],
    tables,
    reviewThreshold: 0.9,
    tableFailures: [],
  });

/** Replaces the text of the cell holding `key`'s value (found through a first assembly). */
function misread(
  tables: DocumentTable[],
  key: string,
  text: string,
  confidence: number,
  alternatives: string[] = [],
): DocumentTable[] {
  const field = assemble(tables).fields[key];
  return tables.map((t) => ({
    ...t,
    cells: t.cells.map((c) =>
      c.bbox.x === field.bbox?.x && c.bbox.y === field.bbox?.y && t.cells.includes(c) && field.raw === c.text
        ? { ...c, text, confidence, alternatives: alternatives.map((a) => ({ text: a, confidence: 0.5 })) }
        : c,
    ),
  }));
}

describe.each([SHIZUISHAN, YINCHUAN])('a 2019-format report (%s)', (name) => {
  const truth = loadTruth(name);

  it('maps every one of the 198 template keys to the truth value, none flagged', () => {
    const report = assemble(tablesOf(truth));
    expect(report.template).toBe('gov-disclosure-2019');
    expect(Object.keys(report.fields).sort()).toEqual(templateKeys().sort());
    for (const [key, expected] of Object.entries(truth.fields)) {
      expect({ key, value: report.fields[key].value }).toEqual({ key, value: expected.value });
    }
    expect(Object.values(report.fields).filter((f) => f.needsReview)).toHaveLength(0);
    expect(report.checks).toHaveLength(40);
    expect(report.checks.every((c) => c.ok)).toBe(true);
  });

  it('maps section 二 labelled by description instead of by article', () => {
    const byDescription = tablesOf(truth, (table, cells) =>
      table !== 'activeDisclosure'
        ? cells
        : cells.map((c) => ({
            ...c,
            text: c.text
              .replace('第二十条第（一）项', '行政法规、规章和规范性文件')
              .replace('第二十条第（五）项', '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果'),
          })),
    );
    expect(byDescription[0].cells.some((c) => c.text === '行政法规、规章和规范性文件')).toBe(true);
    const report = assemble(byDescription);
    for (const [key, expected] of Object.entries(truth.fields)) {
      expect({ key, value: report.fields[key].value }).toEqual({ key, value: expected.value });
    }
  });

  it('survives OCR errors in labels', () => {
    const garbled = tablesOf(truth, (_t, cells) =>
      cells.map((c) => ({ ...c, text: c.text.replace('属于国家秘密', '属于国家秘害').replace('自然人', '自然入') })),
    );
    const report = assemble(garbled);
    expect(report.fields['applications.results.notDisclosed.stateSecret.naturalPerson'].value).toBe(
      truth.fields['applications.results.notDisclosed.stateSecret.naturalPerson'].value,
    );
  });
});

describe('identities with a deliberately wrong cell', () => {
  const truth = loadTruth(YINCHUAN);
  const clean = tablesOf(truth);

  it('flags a misread in 三 (row and column identities) and suggests the value that satisfies both', () => {
    const key = 'applications.newlyReceived.naturalPerson';
    expect(truth.fields[key].value).toBe(9);
    const report = assemble(misread(clean, key, '8', 0.95));
    const field = report.fields[key];
    expect(field.needsReview).toBe(true);
    expect(field.suggestion?.value).toBe(9);
    expect(
      report.checks
        .filter((c) => !c.ok)
        .map((c) => c.id)
        .sort(),
    ).toEqual(['applications.balance.naturalPerson', 'applications.rowTotal.newlyReceived']);
    // Only the culprit is flagged: the other terms of the violated identities are vouched for elsewhere.
    expect(Object.values(report.fields).filter((f) => f.needsReview)).toHaveLength(1);
  });

  it('flags a misread results.total (resultsTotal and rowTotal and balance) with its suggestion', () => {
    const key = 'applications.results.total.total';
    const report = assemble(misread(clean, key, '6', 0.95));
    expect(report.fields[key].needsReview).toBe(true);
    expect(report.fields[key].suggestion?.value).toBe(truth.fields[key].value);
  });

  it('flags a misread in 四 and suggests the total from the parts when the total is least sure', () => {
    const key = 'reviewAndLitigation.administrativeReview.total';
    const report = assemble(misread(clean, key, '3', 0.6));
    expect(report.checks.find((c) => c.id === 'reviewAndLitigation.total.administrativeReview')?.ok).toBe(false);
    expect(report.fields[key].needsReview).toBe(true);
    expect(report.fields[key].suggestion?.value).toBe(truth.fields[key].value);
  });

  it('takes the second reading of the term it satisfies the identity with, keeping the field under review', () => {
    // As a phone photo of Ningxia read 84 (captures seed 744952419): the digits model 34, the general one 84.
    const key = 'reviewAndLitigation.litigationDirect.upheld';
    const report = assemble(misread(clean, key, '5', 0.95, ['0']));
    expect(report.fields[key]).toMatchObject({ value: 0, raw: '0', needsReview: true, firstReading: '5' });
    expect(report.fields[key].reasons.join(' ')).toMatch(
      /read "5" first, which violates .*; the cell's second reading "0" satisfies it and is taken/,
    );
    expect(report.checks.find((c) => c.id === 'reviewAndLitigation.total.litigationDirect')?.ok).toBe(true);
    // The identity chose the value: it does not vouch for it in a bulk confirmation, and a person's review settles it.
    expect(confirmable(report, { table: 'reviewAndLitigation' })).not.toContain(key);
    expect(
      reviewedField(report.fields[key], {
        reviewer: 'ann',
        at: new Date(),
        old: { value: 0, raw: '0' },
        new: { value: 0, raw: '0' },
      }).firstReading,
    ).toBeUndefined();
    // Two terms whose second readings both satisfy the identity (the total read 5 or 0, a part 0 or 5): neither is
    // taken, the first readings stay, flagged.
    const directTotal = 'reviewAndLitigation.litigationDirect.total';
    const both = assemble(misread(misread(clean, directTotal, '5', 0.95, ['0']), key, '0', 0.95, ['5']));
    expect([both.fields[directTotal], both.fields[key]].map((f) => [f.raw, f.firstReading, f.needsReview])).toEqual([
      ['5', undefined, true],
      ['0', undefined, true],
    ]);
    // A value only the identity gives stays a suggestion: the first reading stays the value.
    const total = 'reviewAndLitigation.administrativeReview.total';
    const suggested = assemble(misread(clean, total, '3', 0.6)).fields[total];
    expect({ value: suggested.value, suggestion: suggested.suggestion?.value }).toEqual({
      value: 3,
      suggestion: truth.fields[total].value,
    });
  });

  it('flags every term when no single term explains a violation, and never overwrites what was read', () => {
    const tables = misread(
      misread(clean, 'reviewAndLitigation.administrativeReview.upheld', '2', 0.95),
      'reviewAndLitigation.administrativeReview.corrected',
      '3',
      0.95,
    );
    const report = assemble(tables);
    expect(report.fields['reviewAndLitigation.administrativeReview.upheld'].value).toBe(2);
    const terms = report.checks.find((c) => c.id === 'reviewAndLitigation.total.administrativeReview');
    expect(terms?.ok).toBe(false);
    for (const key of [...(terms?.left ?? []), ...(terms?.right ?? [])]) {
      expect({ key, flagged: report.fields[key].needsReview }).toEqual({ key, flagged: true });
    }
  });

  it('marks an unreadable number for review with a reason', () => {
    const key = 'activeDisclosure.administrativeFees.previousYearItems';
    const report = assemble(misread(clean, key, '也', 0.4));
    expect(report.fields[key]).toMatchObject({ value: null, raw: '也', needsReview: true });
    expect(report.fields[key].reasons.join()).toContain('not a number');
  });
});

describe('a legacy report (Ningxia 2017)', () => {
  const truth = loadTruth(NINGXIA);

  it('keys each 统计数 by its label as printed, prefixing repeated labels by section', () => {
    const report = assemble(tablesOf(truth));
    expect(report.template).toBe('gov-disclosure-legacy');
    expect(Object.keys(report.fields).sort()).toEqual(Object.keys(truth.fields).sort());
    for (const [key, expected] of Object.entries(truth.fields)) {
      expect({ key, value: report.fields[key].value }).toEqual({ key, value: expected.value });
    }
    expect(report.fields['legacyStatistics.（一）收到申请数'].unit).toBe('件');
  });

  it('checks the legacy identities and flags a broken one', () => {
    expect(assemble(tablesOf(truth)).checks.map((c) => c.ok)).toEqual([true, true, true, true, true]);
    const report = assemble(misread(tablesOf(truth), 'legacyStatistics.3.网络申请数', '88', 0.95));
    expect(report.checks.find((c) => c.id === 'legacyStatistics.sum.收到申请数')?.ok).toBe(false);
    expect(report.fields['legacyStatistics.3.网络申请数'].needsReview).toBe(true);
  });

  it("reads a 统计数 the grid split in two (a pen circle's arcs taken for rulings) as one cell, in doubt", () => {
    const key = 'legacyStatistics.（一）政府信息公开工作专门机构数';
    const tables = tablesOf(truth);
    const value = assemble(tables).fields[key];
    // The value cell cut at its middle: a blank piece on the left, the figure and a bracket (the circle) on the right.
    const split = tables.map((t) => ({
      ...t,
      cells: t.cells.flatMap((c) =>
        c.bbox.x === value.bbox?.x && c.bbox.y === value.bbox?.y && c.text === value.raw
          ? [
              { ...c, text: '', confidence: 0.99, bbox: { ...c.bbox, width: c.bbox.width / 2 } },
              {
                ...c,
                col: c.col + 1,
                text: `${c.text}）`,
                confidence: 0.8,
                bbox: { ...c.bbox, x: c.bbox.x + c.bbox.width / 2, width: c.bbox.width / 2 },
              },
            ]
          : [c],
      ),
    }));
    const field = assemble(split).fields[key];
    expect(field).toMatchObject({ raw: `${truth.fields[key].value}）`, needsReview: true });
  });
});

describe('a document with no known template', () => {
  it('keeps its tables as grids and its text, with no fields', () => {
    const cells = truthCells({
      name: 'x',
      cells: [
        { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '标题' },
        { row: 0, col: 1, rowSpan: 1, colSpan: 1, text: '提交时间' },
        { row: 1, col: 0, rowSpan: 1, colSpan: 1, text: '关于户籍的问题' },
        { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: '2017-12-27' },
      ],
    });
    const report = assemble([{ id: 't0', pages: [1], cells }], '某某局工作总结\n今年完成了各项工作。');
    expect(report.template).toBeNull();
    expect(report.fields).toEqual({});
    expect(report.tables[0].cells.map((c) => c.text)).toEqual(['标题', '提交时间', '关于户籍的问题', '2017-12-27']);
    expect(report.text).toContain('今年完成了各项工作');
  });
});

describe('document metadata', () => {
  it('reads agency and year from the title, also when it wraps', () => {
    const report = assemble([], '宁夏回族自治区公安厅2017年政府信息公开工作年度报\n告\n正文');
    expect(report).toMatchObject({ agency: '宁夏回族自治区公安厅', year: 2017 });
  });

  it('starts the agency at its first character: a speck before the title is not part of it', () => {
    const body = '银川市公安局根据条例编制本报告。';
    for (const title of ['1银川市公安局', '| 银川市公安局', '.银川市公安局']) {
      const report = assemble([], `${title}2020年政府信息公开工作年度报告\n${body}`);
      expect(report).toMatchObject({ agency: '银川市公安局', year: 2020 });
      expect(report.quality.problems.join(' ')).not.toMatch(/agency/);
    }
  });

  it('reads a title whose 年 and first characters of 政府信息公开 a defocus lost', () => {
    const report = assemble([], '银川市公安局2020 息公开工作年度报告\n本报告由银川市公安局编制。');
    expect(report).toMatchObject({ agency: '银川市公安局', year: 2020 });
    // Four digits inside a longer number are no year.
    expect(assemble([], '某市热线120190 信息公开工作年度报告\n正文')).toMatchObject({ agency: null, year: null });
  });

  it('keeps digits or letters before the first character where the body writes the agency with them', () => {
    for (const agency of ['12345政务服务便民热线管理中心', '5G产业办', 'CBD管理委员会']) {
      const report = assemble([], `${agency}2020年政府信息公开工作年度报告\n${agency}根据条例编制本报告。`);
      expect(report).toMatchObject({ agency, year: 2020 });
      expect(report.quality.problems.join(' ')).not.toMatch(/agency/);
    }
  });

  it('takes the agency as the body writes it when the title was read one character off', () => {
    const body = '正文\n本报告电子版可在“石嘴山市公安局”网站查阅。\n石嘴山市公安局';
    expect(assemble([], `石嗣山市公安局2020年政府信息公开工作年度报告\n${body}`).agency).toBe('石嘴山市公安局');
    // Read right, or with no single variant in the body (two ways, or none), the title stays as read.
    expect(assemble([], `石嘴山市公安局2020年政府信息公开工作年度报告\n${body}\n石嘴山市公安厅`).agency).toBe(
      '石嘴山市公安局',
    );
    expect(
      assemble([], `石嗣山市公安局2020年政府信息公开工作年度报告\n${body}\n石嘴山市公安厅 石咀山市公安局`).agency,
    ).toBe('石嗣山市公安局');
    expect(assemble([], '石嗣山市公安局2020年政府信息公开工作年度报告\n正文').agency).toBe('石嗣山市公安局');
  });

  it('flags an agency read by OCR that the rest of the text never writes so', () => {
    // A defocused scan: 嘴 read t in the title, “ and ” in each mention after it.
    const garbled = assemble(
      [],
      '石t山市公安局2020年政府信息公开工作年度报告\n本报告由石“山市公安局编制。\n石”山市公安局',
    );
    expect(garbled.agency).toBe('石t山市公安局');
    expect(garbled.quality.status).toBe('needs-attention');
    expect(garbled.quality.problems.join(' ')).toMatch(
      /agency read from the title, 石t山市公安局, is written nowhere else/,
    );
    // Confirmed by the body, as read or as the body writes it: nothing to say.
    for (const title of ['石嘴山市公安局', '石嗣山市公安局']) {
      const confirmed = assemble([], `${title}2020年政府信息公开工作年度报告\n本报告由石嘴山市公安局编制。`);
      expect(confirmed.agency).toBe('石嘴山市公安局');
      expect(confirmed.quality.problems.join(' ')).not.toMatch(/agency/);
    }
  });
});

describe('the report contract', () => {
  it('is enforced on assembly: a report that would break it is a permanent error, never stored', () => {
    const input = {
      documentId: 'doc',
      source: { filename: 'x.pdf', sha256: 'f'.repeat(64), pages: -1 },
      pages: [],
      tables: [],
      reviewThreshold: 0.9,
      tableFailures: [],
    };
    expect(() => assembleReport(input)).toThrow(PermanentError);
    expect(() => assembleReport(input)).toThrow(/breaks its contract: source\.pages/);
  });

  it('is a schema that refuses a broken report', () => {
    const report = assemble(tablesOf(loadTruth(SHIZUISHAN)));
    const key = 'applications.newlyReceived.total';
    const broken = { ...report, fields: { ...report.fields, [key]: { ...report.fields[key], confidence: 1.5 } } };
    expect(reportSchema.safeParse(broken).success).toBe(false);
    expect(reportSchema.safeParse({ ...report, template: 'some-other-format' }).success).toBe(false);
  });
});

describe('columns by elimination', () => {
  const truth = loadTruth(SHIZUISHAN);
  const garble = (wanted: string) => (_name: string, cells: Cell[]) =>
    cells.map((c) => (c.text === wanted ? { ...c, text: '出AE计' } : c));

  it('maps the total columns whose stacked 总计 headers were misread, as the only columns left', () => {
    const report = assemble(tablesOf(truth, garble('总计')));
    for (const key of [
      'applications.newlyReceived.total',
      'applications.results.total.total',
      'reviewAndLitigation.litigationDirect.total',
    ]) {
      expect({ key, value: report.fields[key].value, reasons: report.fields[key].reasons }).toEqual({
        key,
        value: truth.fields[key].value,
        reasons: [PLACED_COLUMN],
      });
    }
  });

  it('places two misread headers between their recognised neighbours, in the template order', () => {
    const report = assemble(
      tablesOf(truth, (_n, cells) =>
        cells.map((c) => (c.text === '总计' ? { ...c, text: '[E计' } : c.text === '其他' ? { ...c, text: '共他' } : c)),
      ),
    );
    for (const key of [
      'applications.newlyReceived.total',
      'applications.newlyReceived.other',
      'applications.results.total.other',
    ]) {
      expect({ key, value: report.fields[key].value, reasons: report.fields[key].reasons }).toEqual({
        key,
        value: truth.fields[key].value,
        reasons: [PLACED_COLUMN],
      });
    }
  });

  it('guesses nothing when the misread headers outnumber the columns missing between their neighbours', () => {
    // 自然人 misread, and 商业企业 read as 总计: the recognised headers are out of the template's order, and a caption
    // puts 总计 where the template's grid has 商业企业, so the grid's places are not taken either.
    const report = assemble(
      tablesOf(truth, (_n, cells) =>
        cells.map((c) =>
          c.text === '自然人' ? { ...c, text: '出AE' } : c.text === '商业企业' ? { ...c, text: '总计' } : c,
        ),
      ),
    );
    expect(report.fields['applications.newlyReceived.naturalPerson'].reasons).toContain('not found in the document');
  });
});

describe('section 二 with labels misread beyond recognition (a fax)', () => {
  const truth = loadTruth(SHIZUISHAN);
  const replace = (pairs: Record<string, string>) => (name: string, cells: Cell[]) =>
    name !== 'activeDisclosure' ? cells : cells.map((c) => (c.text in pairs ? { ...c, text: pairs[c.text] } : c));

  it('places a misread row label and column header by the template order among the recognised ones', () => {
    const report = assemble(tablesOf(truth, replace({ 行政处罚: '行武处钊', '本年增/减': '本仁增/裂' })));
    for (const key of [
      'activeDisclosure.administrativePenalty.previousYearItems',
      'activeDisclosure.administrativePenalty.decisions',
      'activeDisclosure.administrativeCoercion.changeThisYear',
      'activeDisclosure.administrativeLicensing.changeThisYear',
    ]) {
      expect({ key, value: report.fields[key].value }).toEqual({ key, value: truth.fields[key].value });
    }
  });

  it('places rows by their group even when the group title is misread too', () => {
    const report = assemble(
      tablesOf(truth, replace({ 行政处罚: '行武处钊', '第二十条第（六）项': '笫二十糸笫（六）顶' })),
    );
    const key = 'activeDisclosure.administrativePenalty.decisions';
    expect(report.fields[key].value).toBe(truth.fields[key].value);
  });

  it('places a misread row of section 三 between its recognised neighbours', () => {
    const report = assemble(
      tablesOf(truth, (_n, cells) =>
        cells.map((c) =>
          c.text.includes('确认或重新出具') ? { ...c, text: '5 耍求行改机关确认成虱新山具巳获取信思' } : c,
        ),
      ),
    );
    for (const key of [
      'applications.results.notProcessed.confirmOrReissue.naturalPerson',
      'applications.results.notProcessed.confirmOrReissue.total',
    ]) {
      expect({ key, value: report.fields[key].value, reasons: report.fields[key].reasons }).toEqual({
        key,
        value: truth.fields[key].value,
        reasons: [PLACED_ROW],
      });
    }
  });

  it('places a group neither its title nor any row names by the template order of groups, and says so', () => {
    // Between the read （五） and （八）, one section of two rows: （六）, whose rows are two (a section whose rows
    // are not its group's gets nothing: positional-mapping.test.ts).
    const report = assemble(
      tablesOf(
        truth,
        replace({ 行政处罚: '行武处钊', 行政强制: '行政殿划', '第二十条第（六）项': '笫二十糸笫（六）顶' }),
      ),
    );
    const key = 'activeDisclosure.administrativePenalty.decisions';
    expect(report.fields[key].value).toBe(truth.fields[key].value);
    expect(report.fields[key].reasons.join(' ')).toMatch(/group title and row caption was not read/);
  });
});

describe('legacy labels misread', () => {
  const truth = loadTruth(NINGXIA);
  const misreadLabels = (_name: string, cells: Cell[]) =>
    cells.map((c) => ({
      ...c,
      text: c.text
        .replace('1.参加', '1参加')
        .replace('其中：主要负责同志参加新闻', '其中；主要负责同志参加新闻')
        .replace('不同渠道', '不同湛道'),
    }));

  it('keeps the keys of the national form', () => {
    const report = assemble(tablesOf(truth, misreadLabels));
    for (const key of [
      'legacyStatistics.1.参加或举办新闻发布会总次数',
      'legacyStatistics.其中：主要负责同志参加新闻发布会次数',
      'legacyStatistics.（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）',
    ]) {
      expect({ key, value: report.fields[key]?.value }).toEqual({ key, value: truth.fields[key].value });
    }
  });

  it('puts labels a fax garbled beyond snapping back by the form order, also under 五 whose rows repeat 四', () => {
    const garbled: Record<string, string> = {
      涉及个人隐私: '涉艾仝人隐秘',
      '（二）被依法纠错数': '〈二》被侬法纠锚效',
      '2.政府网站公开政府信息数': '2政肘网沾公卉政府信恩效',
    };
    let seen = 0;
    const report = assemble(
      tablesOf(truth, (_n, cells) =>
        cells.map((c) => {
          // The second 被依法纠错数 is 五's: garble that one, so placing must count 四's first.
          if (c.text === '（二）被依法纠错数' && (seen += 1) === 1) {
            return c;
          }
          return c.text in garbled ? { ...c, text: garbled[c.text] } : c;
        }),
      ),
    );
    for (const key of [
      'legacyStatistics.涉及个人隐私',
      'legacyStatistics.2.政府网站公开政府信息数',
      'legacyStatistics.五、行政诉讼数量/（二）被依法纠错数',
    ]) {
      expect({ key, value: report.fields[key]?.value }).toEqual({ key, value: truth.fields[key].value });
    }
  });

  it("takes a wording 四 and 五 share for 五's when it stands as many rows on as 五's place in the form", () => {
    // As a 150 dpi fax read Ningxia (captures seed 8675309): 四's (三) and 五's heading and first two rows garbled,
    // 五's (三) read with (一), which snaps to the shared （三）其他情形数.
    const garbled: Record<string, string> = {
      '五、行政诉讼数量': '五、行武诉讳数由',
      '（一）维持具体行政行为或者驳回原告诉讼请求数': '（-纳持兵体f收行为或肉驳囡原吉诉讼请永数',
    };
    const seen = new Map<string, number>();
    const nth = (text: string) => {
      seen.set(text, (seen.get(text) ?? 0) + 1);
      return seen.get(text);
    };
    // Every value of 四 and 五 is 0 in the truth: each row's value is made its row number, so a row given the other
    // section's key shows.
    const rowOf = new Map<string, number>();
    const report = assemble(
      tablesOf(truth, (_n, cells) => {
        const first = cells.find((c) => c.text === '四、行政复议数量')?.row ?? -1;
        const last = cells.find((c) => c.text === '六、举报投诉数量')?.row ?? -1;
        return cells.map((c) => {
          if (c.row < first || c.row > last) {
            return c;
          }
          if (c.col !== 0) {
            return c.text === '0' ? { ...c, text: String(c.row) } : c;
          }
          const k = nth(c.text);
          rowOf.set(`${c.text}#${k}`, c.row);
          const read =
            c.text === '（三）其他情形数'
              ? k === 1
                ? '（二}公他情形数'
                : '（一）其他情形数'
              : c.text === '（二）被依法纠错数' && k === 2
                ? '（一）被侬径纠错数'
                : garbled[c.text];
          return read ? { ...c, text: read } : c;
        });
      }),
    );
    for (const [key, printed] of [
      ['四、行政复议数量/（二）被依法纠错数', '（二）被依法纠错数#1'],
      ['四、行政复议数量/（三）其他情形数', '（三）其他情形数#1'],
      ['五、行政诉讼数量', '五、行政诉讼数量#1'],
      ['（一）维持具体行政行为或者驳回原告诉讼请求数', '（一）维持具体行政行为或者驳回原告诉讼请求数#1'],
      ['五、行政诉讼数量/（二）被依法纠错数', '（二）被依法纠错数#2'],
      ['五、行政诉讼数量/（三）其他情形数', '（三）其他情形数#2'],
    ]) {
      const field = report.fields[`legacyStatistics.${key}`];
      expect({ key, value: field?.value }).toEqual({ key, value: rowOf.get(printed) });
    }
  });

  it('does not move a correctly read label to a near neighbour of the form', () => {
    const report = assemble(tablesOf(truth));
    expect(report.fields['legacyStatistics.2.同意公开答复数'].value).toBe(
      truth.fields['legacyStatistics.2.同意公开答复数'].value,
    );
    expect(report.fields['legacyStatistics.4.不同意公开答复数'].value).toBe(
      truth.fields['legacyStatistics.4.不同意公开答复数'].value,
    );
  });
});

describe('a legacy table whose header row is misread', () => {
  it('is still the legacy statistics table, by its indicators', () => {
    const truth = loadTruth(NINGXIA);
    const report = assemble(
      tablesOf(truth, (_n, cells) =>
        cells.map((c) =>
          c.row === 0 && c.text === '统计指标'
            ? { ...c, text: '纹门扣杨' }
            : c.row === 0 && c.text === '统计数'
              ? { ...c, text: '统门' }
              : c,
        ),
      ),
    );
    expect(report.template).toBe('gov-disclosure-legacy');
    expect(report.fields['legacyStatistics.（一）收到申请数']?.value).toBe(
      truth.fields['legacyStatistics.（一）收到申请数'].value,
    );
  });
});

describe('a number with a space inside', () => {
  it('is flagged: the space may be a lost decimal point', () => {
    const truth = loadTruth(SHIZUISHAN);
    const key = 'activeDisclosure.centralizedProcurement.totalAmount';
    const report = assemble(misread(tablesOf(truth), key, '855 034万元', 0.95));
    expect(report.fields[key].needsReview).toBe(true);
    expect(report.fields[key].reasons.join(' ')).toMatch(/decimal point/);
  });

  it('is read with the point an amount lost, and a count as its figures', () => {
    const truth = loadTruth(SHIZUISHAN);
    const amount = 'activeDisclosure.centralizedProcurement.totalAmount';
    const count = 'activeDisclosure.administrativePenalty.decisions';
    const report = assemble(misread(misread(tablesOf(truth), amount, '855 034力元', 0.95), count, '75 0', 0.95));
    expect(report.fields[amount]).toMatchObject({ value: 855.034, unit: '万元', needsReview: true });
    expect(report.fields[amount].reasons.join(' ')).toMatch(/decimal point/);
    expect(report.fields[count]).toMatchObject({ value: 750, needsReview: true });
  });
});

describe('a number read with a mark beside it', () => {
  it('is the figure, flagged with the mark as the reason, even where every identity holds', () => {
    const truth = loadTruth(YINCHUAN);
    const key = 'activeDisclosure.administrativeLicensing.decisions';
    const report = assemble(misread(tablesOf(truth), key, ',89、', 0.95));
    expect(report.fields[key]).toMatchObject({ value: truth.fields[key].value, raw: ',89、', needsReview: true });
    expect(report.fields[key].reasons.join(' ')).toMatch(/marks beside the figure \(",、"\)/);
  });

  it('keeps the unit printed with the figure', () => {
    const truth = loadTruth(SHIZUISHAN);
    const key = 'activeDisclosure.centralizedProcurement.totalAmount';
    const report = assemble(misread(tablesOf(truth), key, '855.034万元、', 0.95));
    expect(report.fields[key]).toMatchObject({ value: 855.034, unit: '万元', needsReview: true });
  });
});

describe('captions', () => {
  it('gives every field the Chinese row and column captions a reader sees on the page', () => {
    const report = assemble(tablesOf(loadTruth(SHIZUISHAN)));
    expect(report.fields['applications.newlyReceived.total'].caption).toEqual({
      row: '一、本年新收政府信息公开申请数量',
      column: '总计',
    });
    expect(report.fields['activeDisclosure.regulations.newlyMade'].caption).toEqual({
      row: '第二十条第（一）项 规章',
      column: '本年新制作数量',
    });
    expect(report.fields['reviewAndLitigation.litigationDirect.pending'].caption).toEqual({
      row: '未经复议直接起诉',
      column: '尚未审结',
    });
    expect(
      Object.values(report.fields).every((f) => f.caption && f.caption.row !== '' && f.caption.column !== ''),
    ).toBe(true);
    const legacy = assemble(tablesOf(loadTruth(NINGXIA)));
    const [key, field] = Object.entries(legacy.fields)[0];
    expect(field.caption).toEqual({ row: key.slice('legacyStatistics.'.length), column: '统计数' });
  });
});

describe('a figure whose unit was read in the shape of 万元', () => {
  it('is the figure in 万元, flagged with the unit as read', () => {
    const truth = loadTruth(SHIZUISHAN);
    const key = 'activeDisclosure.centralizedProcurement.totalAmount';
    const report = assemble(misread(tablesOf(truth), key, '855.034刀元', 0.95));
    expect(report.fields[key]).toMatchObject({ value: 855.034, unit: '万元', raw: '855.034刀元', needsReview: true });
    expect(report.fields[key].reasons).toContain('the unit read "刀元", in the shape of 万元, taken as 万元');
  });
});

describe('a cell read as no number in the shape of the value its identities give', () => {
  it('is that value, under review, its first reading kept', () => {
    const truth = loadTruth(SHIZUISHAN);
    const key = 'reviewAndLitigation.litigationAfterReview.pending';
    const report = assemble(misread(tablesOf(truth), key, 'D', 0.95));
    expect(report.fields[key]).toMatchObject({ value: 0, raw: '0', firstReading: 'D', needsReview: true });
    expect(report.fields[key].suggestion).toBeUndefined();
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('lets the identity that chose it vouch for none of its terms in a bulk confirmation', () => {
    // The row's total read doubtfully and its last term read "G": the identity solves G as 0 (G has a 0's shape) and
    // then holds, because the value was chosen so; it says nothing of the doubtful total.
    const truth = loadTruth(SHIZUISHAN);
    const key = 'reviewAndLitigation.litigationAfterReview.pending';
    const total = 'reviewAndLitigation.litigationAfterReview.total';
    const report = assemble(misread(misread(tablesOf(truth), key, 'G', 0.95), total, '0', 0.6));
    expect(report.fields[key]).toMatchObject({ value: 0, firstReading: 'G' });
    expect(report.fields[total].needsReview).toBe(true);
    const inTable = confirmable(report, { table: 'reviewAndLitigation' });
    expect(inTable).not.toContain(key);
    expect(inTable).not.toContain(total);
  });
});
