// Yinchuan 2020 as mixed and fax-like scans; Ningxia 2017, the legacy format with a full-page table, at 200 dpi;
// Shizuishan 2020 with a table page fed landscape: floors per kind (test/support/scan-kinds.ts).
import { NINGXIA, SHIZUISHAN, YINCHUAN } from '../../harness/corpus';
import { ScanKind, describeScanKinds } from '../support/scan-kinds';

// Floors as in robustness-plain.test.ts. A fax-like scan may leave the report needing attention; every other kind
// must come out whole.
const KINDS: ScanKind[] = [
  {
    report: YINCHUAN,
    condition: { id: 's2-mixed', seed: 2, dpi: 300, stress: 'mixed' },
    fields: 0.99,
    structure: 0.99,
    whole: true,
  },
  {
    report: YINCHUAN,
    condition: { id: 's2-lowdpi', seed: 2, dpi: 300, stress: 'lowdpi' },
    fields: 0.95,
    structure: 0.95,
    whole: false,
  }, // (0.75)
  // A page that is one table, no prose: the ink profile took it to lie on its side and nothing read it upright.
  { report: NINGXIA, condition: { id: 's3-200dpi', seed: 3, dpi: 200 }, fields: 0.99, structure: 0.99, whole: true }, // (0.34, 0.40 at 150 dpi)
  // A table page fed landscape that the ink profile did not see as turned: only quarter turns read it.
  {
    report: SHIZUISHAN,
    condition: { id: 's3-rotated', seed: 3, dpi: 300, stress: 'rotated' },
    fields: 0.99,
    structure: 0.99,
    whole: true,
  }, // (0.18, 0.48)
];

describeScanKinds(KINDS);
