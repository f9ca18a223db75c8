// A field not found placed from its found neighbours: the row's siblings give the page and band, the column's the width.
import { Located, siblingPlace } from '../../web/src/parts/sibling-place';

const at = (page: number, x: number, y: number, width = 40, height = 12): Located => ({
  page,
  bbox: { x, y, width, height },
});
const missing: Located = { page: null, bbox: null };

describe('siblingPlace', () => {
  it('takes the page from the row, not from the table part the column starts on', () => {
    // The row runs onto page 4 of a photocopy; its column's cells above are on page 3 and page 4.
    const fields = {
      'applications.results.granted.naturalPerson': at(4, 100, 200),
      'applications.results.granted.other': at(4, 300, 200),
      'applications.results.granted.total': missing,
      'applications.newlyReceived.total': at(3, 400, 500),
      'applications.carriedOver.total': at(4, 402, 150, 38),
    };
    expect(siblingPlace('applications.results.granted.total', fields)).toEqual({
      page: 4,
      box: { x: 402, y: 200, width: 38, height: 12 },
      from: 'cell',
    });
  });

  it('outlines the row alone when the column on that page is absent or is no single printed column', () => {
    const alone = {
      'reviewAndLitigation.administrativeReview.upheld': at(5, 100, 300),
      'reviewAndLitigation.administrativeReview.corrected': at(5, 160, 300),
      'reviewAndLitigation.administrativeReview.total': missing,
    };
    expect(siblingPlace('reviewAndLitigation.administrativeReview.total', alone)).toEqual({
      page: 5,
      box: { x: 100, y: 300, width: 100, height: 12 },
      from: 'row',
    });
    // The same last part in groups printed side by side: their boxes do not overlap, so they say no column.
    const sideBySide = {
      ...alone,
      'reviewAndLitigation.litigationDirect.total': at(5, 500, 300),
      'reviewAndLitigation.litigationAfterReview.total': at(5, 800, 300),
    };
    expect(siblingPlace('reviewAndLitigation.administrativeReview.total', sideBySide)?.from).toBe('row');
  });

  it('gives nothing for a row none of whose fields was found', () => {
    expect(
      siblingPlace('applications.carriedOver.total', {
        'applications.carriedOver.total': missing,
        'applications.carriedOver.other': missing,
        'applications.newlyReceived.total': at(3, 1, 1),
      }),
    ).toBeNull();
  });
});
