// Section 三 mapped by its grid where captions cannot be read: a gutter's shade over the row captions, a pen over
// a cell. The template's grid with its headers recognised places every value; "not found" is for a cell that is not
// on the page.
import { assembleReport } from '../../services/normalisation/src/assemble-report';
import type { Cell } from '../../shared/contracts/table';
import { SHIZUISHAN, YINCHUAN, loadTruth, truthCells } from '../../harness/corpus';
import { pageRecord } from '../../harness/page-record';

const source = { filename: 'x.pdf', sha256: 'a'.repeat(64), pages: 1 };
const page = pageRecord({});

function reportWith(change: (name: string, cells: Cell[]) => Cell[], report = SHIZUISHAN) {
  const truth = loadTruth(report);
  const tables = truth.tables.map((t, i) => ({ id: `t${i}`, pages: [1], cells: change(t.name ?? '', truthCells(t)) }));
  return {
    truth,
    report: assembleReport({ documentId: 'd', source, pages: [page], tables, reviewThreshold: 0.9, tableFailures: [] }),
  };
}

describe('section 三 mapped by its grid', () => {
  it('places the values of rows whose captions were not read, in order between the recognised ones, and says so', () => {
    // Rows 7-10 (不予公开 1-4): captions lost in a gutter's shade (read blank or as noise).
    const { truth, report } = reportWith((name, cells) =>
      name !== 'applications'
        ? cells
        : cells.map((c) =>
            c.col === 2 && c.row >= 7 && c.row <= 10 ? { ...c, text: c.row % 2 === 0 ? '' : '1 -' } : c,
          ),
    );
    const key = 'applications.results.notDisclosed.prohibitedByLaw.naturalPerson';
    expect(report.fields[key].found).toBe(true);
    expect(report.fields[key].value).toBe(truth.fields[key].value);
    expect(report.fields[key].reasons.join(' ')).toMatch(/row caption was not read/);
    expect(report.quality.fieldsFound).toBe(198);
    expect(Object.entries(report.fields).every(([k, f]) => f.value === truth.fields[k].value)).toBe(true);
  });

  it('places columns whose own header was misread or left blank, not by the group header spanning them', () => {
    // As a defocused 221 dpi scan of Shizuishan read them (captures seed 382544822): 商业企业 read 商东伟业, 其他 blank.
    // The nearest label above 其他's figures was then 法人或其他组织, which spans five columns and so names none.
    const { truth, report } = reportWith((name, cells) =>
      name !== 'applications'
        ? cells
        : cells.map((c) =>
            c.text === '商业企业'
              ? { ...c, text: '商东伟业', confidence: 0.86 }
              : c.text === '其他'
                ? { ...c, text: '', confidence: 0.3 }
                : c,
          ),
    );
    for (const column of ['commercialEnterprise', 'other']) {
      const key = `applications.newlyReceived.${column}`;
      expect(report.fields[key].found).toBe(true);
      expect(report.fields[key].reasons.join(' ')).toMatch(/column caption was not read/);
    }
    expect(report.quality.fieldsFound).toBe(198);
    expect(Object.entries(report.fields).every(([k, f]) => f.value === truth.fields[k].value)).toBe(true);
  });

  it('keeps a value cell garbled into characters a value, flagged, not a missing field', () => {
    const { report } = reportWith((name, cells) =>
      name !== 'applications'
        ? cells
        : cells.map((c) => (c.row === 8 && c.col === 4 ? { ...c, text: '沥汀余', confidence: 0.3 } : c)),
    );
    const field = report.fields['applications.results.notDisclosed.prohibitedByLaw.commercialEnterprise'];
    expect(field.found).toBe(true);
    expect(field.raw).toBe('沥汀余');
    expect(field.needsReview).toBe(true);
    expect(report.quality.fieldsFound).toBe(198);
  });
});

describe('section 四 mapped by its grid', () => {
  it('places the values whose result captions were misread or left blank, in a grid drawn as the template', () => {
    // As a defocused 204 dpi scan of Yinchuan read them (captures seed 608825166): 结果维持 read 结柳维梁 or left
    // blank, 尚未审结 read 尚李家结; an empty caption put its column under its group's caption, 8 values not found.
    const reads: Record<string, string> = { 结果维持: '', 结果纠正: '锆黑继正', 其他结果: '', 尚未审结: '尚李家结' };
    const { truth, report } = reportWith(
      (name, cells) =>
        name !== 'reviewAndLitigation'
          ? cells
          : cells.map((c) =>
              c.row === 2 && c.text in reads
                ? { ...c, text: reads[c.text], confidence: reads[c.text] ? 0.75 : 0.3 }
                : c,
            ),
      YINCHUAN,
    );
    const keys = Object.keys(truth.fields).filter((k) => k.startsWith('reviewAndLitigation.litigation'));
    expect(keys).toHaveLength(10);
    for (const key of keys) {
      expect({ key, found: report.fields[key].found, value: report.fields[key].value }).toEqual({
        key,
        found: true,
        value: truth.fields[key].value,
      });
    }
    expect(report.fields['reviewAndLitigation.litigationDirect.upheld'].reasons.join(' ')).toMatch(
      /captions were not read/,
    );
    expect(report.quality.fieldsFound).toBe(198);
  });

  it('places nothing by its grid when the grid is not drawn as the template (a value row cut short, a cell split)', () => {
    const reads: Record<string, string> = { 结果维持: '', 结果纠正: '锆黑继正', 其他结果: '', 尚未审结: '尚李家结' };
    const garbled = (c: Cell) => (c.row === 2 && c.text in reads ? { ...c, text: reads[c.text], confidence: 0.3 } : c);
    const short = reportWith(
      (name, cells) =>
        name !== 'reviewAndLitigation' ? cells : cells.filter((c) => !(c.row === 3 && c.col === 14)).map(garbled),
      YINCHUAN,
    );
    expect(short.report.fields['reviewAndLitigation.litigationDirect.upheld'].found).toBe(false);
    // 尚未审结's value cell of 行政诉讼 split in two by a stroke: a 16th column, every place after it one further on.
    const split = reportWith(
      (name, cells) =>
        name !== 'reviewAndLitigation'
          ? cells
          : cells.flatMap((c): Cell[] => {
              const moved = {
                ...c,
                col: c.col > 8 ? c.col + 1 : c.col,
                colSpan: c.col <= 8 && c.col + c.colSpan > 8 ? c.colSpan + 1 : c.colSpan,
              };
              return c.row === 3 && c.col === 8
                ? [moved, { ...moved, col: 9, text: '', confidence: 0.99 }]
                : [garbled(moved)];
            }),
      YINCHUAN,
    );
    for (const key of ['upheld', 'other', 'pending'].map((k) => `reviewAndLitigation.litigationDirect.${k}`)) {
      expect({ key, found: split.report.fields[key].found }).toEqual({ key, found: false });
    }
  });
});

// Section 二 as a 200 dpi fax of Shizuishan read it (bench captures, fax seed 779): the thin horizontal strokes of
// the Song face gone, so a group's title, its row captions and its headers are all misread, while its figures read
// right. 第二十条第（五）项 read 第二十标第（几）项 is as near to every article title; 行政许可 read 行收在才 names no row.
const FAX_READS: Record<string, string> = {
  '第二十条第（五）项': '第二十标第（几）项',
  '第二十条第（六）项': '第1 标第（关）玖',
  '第二十条第（八）项': '第一林第（八〉加',
  信息内容: '伴万内宋',
  上一年项目数量: 'E一年办目数城',
  '本年增/减': '本吴增歪',
  处理决定数量: '万邱汪定数余',
  行政许可: '行收在才',
  其他对外管理服务事项: '关他对外管郝朗劲事顶',
  行政处罚: 'f[政处旭',
  行政强制: '行攻弓虽制',
};

describe('section 二 mapped by its grid', () => {
  it('gives groups whose title and captions were not read their place among the read ones, and says so', () => {
    const { truth, report } = reportWith((name, cells) =>
      name !== 'activeDisclosure'
        ? cells
        : cells.map((c) => (FAX_READS[c.text] ? { ...c, text: FAX_READS[c.text], confidence: 0.4 } : c)),
    );
    for (const key of [
      'administrativeLicensing.previousYearItems',
      'otherExternalServices.decisions',
      'administrativePenalty.changeThisYear',
      'administrativeCoercion.decisions',
      'administrativeFees.previousYearItems',
    ]) {
      const field = report.fields[`activeDisclosure.${key}`];
      expect(field.found).toBe(true);
      expect(field.value).toBe(truth.fields[`activeDisclosure.${key}`].value);
    }
    expect(report.fields['activeDisclosure.administrativeLicensing.previousYearItems'].reasons.join(' ')).toMatch(
      /group title and row and column caption was not read/,
    );
    expect(
      Object.keys(report.fields)
        .filter((k) => k.startsWith('activeDisclosure.'))
        .every((k) => report.fields[k].found && report.fields[k].value === truth.fields[k].value),
    ).toBe(true);
  });

  it('takes a title cut in two by a stray ruling, its second piece blank, for a title and not a data row', () => {
    // A coffee ring's arc stood as a ruling across 第二十条第（八）项 (compound Yinchuan, captures seed 1299709); the row
    // above's caption read beyond recognition is placed by the order of its section's two rows.
    const { truth, report } = reportWith((name, cells) => {
      if (name !== 'activeDisclosure') {
        return cells;
      }
      return cells.flatMap((c): Cell[] =>
        c.text === '第二十条第（八）项'
          ? [
              { ...c, colSpan: 3, confidence: 0.6 },
              { ...c, col: 3, colSpan: 1, text: '', confidence: 0.99 },
            ]
          : c.text === '行政强制'
            ? [{ ...c, text: '行兵福制', confidence: 0.55 }]
            : [c],
      );
    }, YINCHUAN);
    for (const key of ['previousYearItems', 'changeThisYear', 'decisions']) {
      const field = report.fields[`activeDisclosure.administrativeCoercion.${key}`];
      expect(field.found).toBe(true);
      expect(field.value).toBe(truth.fields[`activeDisclosure.administrativeCoercion.${key}`].value);
    }
    expect(report.fields['activeDisclosure.administrativeFees.previousYearItems'].value).toBe(
      truth.fields['activeDisclosure.administrativeFees.previousYearItems'].value,
    );
  });

  it('keeps a caption that ran into the figures beside it a data row', () => {
    // The row's column rules lost under a highlighter: caption and two figures one cell, the last figure beside it.
    const { report } = reportWith((name, cells) => {
      if (name !== 'activeDisclosure') {
        return cells;
      }
      const row = cells.find((c) => c.text === '其他对外管理服务事项')?.row;
      return cells.flatMap((c): Cell[] =>
        c.row !== row || c.col === 3
          ? [c]
          : c.col === 0
            ? [{ ...c, colSpan: 3, text: '其他对外管理服务事项一37 0_', confidence: 0.02 }]
            : [],
      );
    }, YINCHUAN);
    expect(report.fields['activeDisclosure.otherExternalServices.decisions'].value).toBe(96);
    // The section's other rows keep their places.
    expect(report.fields['activeDisclosure.administrativeLicensing.decisions'].value).toBe(89);
  });

  it("gives no group by place to a section whose rows are not that group's", () => {
    // Group （五） read blind and one of its rows lost: two groups' worth of order, one row: no key is guessed.
    const { report } = reportWith((name, cells) => {
      if (name !== 'activeDisclosure') {
        return cells;
      }
      const lost = cells.find((c) => c.text === '其他对外管理服务事项') as Cell;
      return cells
        .filter((c) => c.row !== lost.row)
        .map((c) => (FAX_READS[c.text] ? { ...c, text: FAX_READS[c.text] } : c));
    });
    expect(report.fields['activeDisclosure.administrativeLicensing.previousYearItems'].found).toBe(false);
  });
});

// Section 四 as a 150 dpi fax of Shizuishan read it (bench captures, fax seed 14): one group caption and three
// column captions misread beyond recognition, and a 0 of the data row read as a character.
const FAX_REVIEW_READS: Record<string, string> = {
  未经复议直接起诉: '末纺复议百接起诉',
  其他结果: '共他纲果',
  尚未审结: '闭本审结',
  总计: '总 i',
};

describe('section 四 mapped by its grid', () => {
  it('places columns and a group whose captions were not read among the read ones, and keeps a garbled figure a value', () => {
    const { truth, report } = reportWith((name, cells) => {
      if (name !== 'reviewAndLitigation') {
        return cells;
      }
      const dataRow = Math.max(...cells.map((c) => c.row));
      // Only the administrative review's captions are misread (the first of each label), and its third figure.
      const firstOf = new Map<string, Cell>();
      for (const c of [...cells].sort((a, b) => a.col - b.col)) {
        if (!firstOf.has(c.text)) {
          firstOf.set(c.text, c);
        }
      }
      return cells.map((c) =>
        c.row === dataRow && c.col === 2
          ? { ...c, text: '刀', confidence: 0.1 }
          : FAX_REVIEW_READS[c.text] && firstOf.get(c.text) === c
            ? { ...c, text: FAX_REVIEW_READS[c.text], confidence: 0.5 }
            : c,
      );
    });
    const keys = Object.keys(truth.fields).filter((k) => k.startsWith('reviewAndLitigation.'));
    expect(keys).toHaveLength(15);
    expect(keys.every((k) => report.fields[k].found)).toBe(true);
    const garbled = report.fields['reviewAndLitigation.administrativeReview.other'];
    expect(garbled.raw).toBe('刀');
    expect(garbled.needsReview).toBe(true);
    expect(
      keys
        .filter((k) => k !== 'reviewAndLitigation.administrativeReview.other')
        .every((k) => report.fields[k].value === truth.fields[k].value),
    ).toBe(true);
    expect(report.fields['reviewAndLitigation.administrativeReview.pending'].reasons.join(' ')).toMatch(
      /column caption was not read/,
    );
    expect(report.fields['reviewAndLitigation.litigationDirect.upheld'].reasons.join(' ')).toMatch(
      /group caption was not read/,
    );
  });
});

describe('tables named by their shape', () => {
  // Every caption of sections 三 and 四 unreadable (each label cell read as noise), as on a fax of a Song face.
  const blind = (cells: Cell[]) =>
    cells.map((c) => (/[\u4e00-\u9fff]/.test(c.text) ? { ...c, text: '伴怪冉宁', confidence: 0.3 } : c));

  it.each([SHIZUISHAN, YINCHUAN])(
    'places the values of sections 三 and 四 of %s by the template grid when no caption was read and the identities hold',
    (name) => {
      const { truth, report } = reportWith(
        (table, cells) => (table === 'applications' || table === 'reviewAndLitigation' ? blind(cells) : cells),
        name,
      );
      expect(report.quality.fieldsFound).toBe(198);
      expect(Object.entries(report.fields).every(([k, f]) => f.value === truth.fields[k].value)).toBe(true);
      expect(report.fields['applications.results.total.total'].reasons.join(' ')).toMatch(
        /table's captions were not read/,
      );
      expect(report.fields['reviewAndLitigation.litigationAfterReview.pending'].found).toBe(true);
    },
  );

  // Shizuishan's section 三 (all zeros) blind, five zeros misread as other digits, as a 200 dpi fax read them (seed 779).
  const misreadZeros = (confidence: number) => (table: string, cells: Cell[]) => {
    if (table !== 'applications') {
      return cells;
    }
    const zeros = cells.filter((c) => c.text === '0');
    const misread = new Map([
      [zeros[3], '6'],
      [zeros[20], '8'],
      [zeros[41], '9'],
      [zeros[77], '6'],
      [zeros[120], '3'],
    ]);
    return blind(cells).map((c) => (misread.has(c) ? { ...c, text: misread.get(c) as string, confidence } : c));
  };

  it('places a grid whose identities break only over doubtful readings, and flags those', () => {
    const { truth, report } = reportWith(misreadZeros(0.4));
    expect(report.fields['applications.newlyReceived.total'].found).toBe(true);
    const wrong = Object.entries(report.fields).filter(
      ([k, f]) => k.startsWith('applications.') && f.value !== truth.fields[k].value,
    );
    expect(wrong).toHaveLength(5);
    expect(wrong.every(([, f]) => f.needsReview)).toBe(true);
  });

  it('places nothing where identities break over readings that are sure', () => {
    const { report } = reportWith(misreadZeros(0.99));
    expect(report.fields['applications.newlyReceived.total'].found).toBe(false);
  });

  it('places nothing where the identities do not bear the placement out', () => {
    // Yinchuan's blind grid (Shizuishan's section 三 is all zeros, which any order bears out), its figures moved one
    // row down: a grid of other figures in the template's shape, adding up along its rows but not down its columns.
    const { report } = reportWith((name, cells) => {
      if (name !== 'applications') {
        return cells;
      }
      const rows = Math.max(...cells.map((c) => c.row));
      const values = (r: number) => cells.filter((c) => c.row === r && c.col >= 3).map((c) => c.text);
      return blind(cells).map((c) =>
        c.col >= 3 && c.row >= 3 && c.row <= rows
          ? { ...c, text: values(c.row === 3 ? rows : c.row - 1)[c.col - 3] ?? c.text }
          : c,
      );
    }, YINCHUAN);
    expect(report.fields['applications.newlyReceived.total'].found).toBe(false);
  });
});
