// Where the desk looks for a field: its cell; for a field not found, where its found row and column neighbours put it,
// else the table the template puts it in.
import type { BBox } from '../../../shared/contracts/geometry';
import type { Field } from '../../../shared/contracts/report';
import type { Report } from '../api';
import { sectionText, t } from '../i18n';
import { siblingPlace } from './sibling-place';

export interface Place {
  page: number | null;
  box: BBox | null;
  /** For a field not found: the table where the template expects it, in words. */
  label?: string;
}

export function placeOf(f: Pick<Field, 'page' | 'bbox'> & { key: string }, report: Report): Place {
  if (f.page !== null && f.bbox) {
    return { page: f.page, box: f.bbox };
  }
  const tableName = f.key.split('.')[0];
  const section = sectionText(tableName);
  // Placed from the fields of its row (and column) that were found: the right page, the cell or at least the row.
  const near = siblingPlace(f.key, report.fields);
  if (near) {
    return {
      page: near.page,
      box: near.box,
      label: `${section}, ${t('page', { n: near.page })}, ${t(near.from === 'cell' ? 'placedFromCell' : 'placedFromRow')}`,
    };
  }
  const table = report.tables.find((tb) => tb.name === tableName);
  if (!table) {
    return { page: null, box: null, label: section };
  }
  const page = table.pages[0];
  const cells = table.cells.filter((c) => c.page === page && c.bbox);
  if (cells.length === 0) {
    return { page, box: null, label: section };
  }
  const x0 = Math.min(...cells.map((c) => c.bbox.x));
  const y0 = Math.min(...cells.map((c) => c.bbox.y));
  const x1 = Math.max(...cells.map((c) => c.bbox.x + c.bbox.width));
  const y1 = Math.max(...cells.map((c) => c.bbox.y + c.bbox.height));
  return {
    page,
    box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    label: `${section}, ${t('page', { n: page })}`,
  };
}
