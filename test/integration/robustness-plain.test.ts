// Yinchuan 2020 scanned at 200 dpi, photocopied, sealed and rotated: floors per kind (test/support/scan-kinds.ts).
import { YINCHUAN } from '../../harness/corpus';
import { ScanKind, describeScanKinds } from '../support/scan-kinds';

// Floors per kind, below the matrix's figures for this report so that run-to-run noise does not fail CI,
// above what the reading did before each kind was handled (in brackets: fields right, cell structure before).
const KINDS: ScanKind[] = [
  { report: YINCHUAN, condition: { id: 's2-200dpi', seed: 2, dpi: 200 }, fields: 0.99, structure: 0.99, whole: true }, // (0.93, 0.69)
  {
    report: YINCHUAN,
    condition: { id: 's2-photocopy', seed: 2, dpi: 300, stress: 'photocopy' },
    fields: 0.99,
    structure: 0.99,
    whole: true,
  }, // (0: every page turned)
  {
    report: YINCHUAN,
    condition: { id: 's2-seal', seed: 2, dpi: 300, stress: 'seal' },
    fields: 0.99,
    structure: 0.99,
    whole: true,
  }, // (0.99)
  {
    report: YINCHUAN,
    condition: { id: 's2-rotated', seed: 2, dpi: 300, stress: 'rotated' },
    fields: 0.99,
    structure: 0.99,
    whole: true,
  }, // (1.00, 21% flagged)
];

describeScanKinds(KINDS);
