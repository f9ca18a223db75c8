// The families of unseen captures: each a random composition of the degradations of its kind, drawn once per
// document (one scanner, one phone, one reader's habits for the whole report), then applied page by page.
import { bindingCurl } from './bound-volume';
import { darkCopy } from './dark-copy';
import { faxTransmit } from './fax';
import { type Feeder, drawFeeder, feedCrooked } from './feeder';
import { foldCreases } from './folds';
import { unevenLight } from './illumination';
import { agePaper } from './paper-ageing';
import { markUp } from './pen-marks';
import { photograph } from './phone-photo';
import { bleedThrough, copierEdges, lowContrast, tonerSpeckle } from './photocopy';
import type { RgbRaster } from './rgb-raster';
import type { Rng } from './rng';
import { drawScanApp, scanWithApp } from './scan-app';
import { scan } from './scanner';
import type { Sheet } from './sheet';
import { stain } from './stains';
import { type Streak, drawStreaks, streak } from './streaks';

export const FAMILIES = [
  'faded',
  'phone',
  'marked',
  'photocopy200',
  'fax',
  'mixed',
  'soft',
  'darkcopy',
  'bound',
  'folded',
  'streaked',
  'fed',
  'compound',
  'app',
] as const;
export type FamilyName = (typeof FAMILIES)[number];

/** What captured the sheet: the targets differ for a scanner and for a phone or a fax. */
export type Device = 'scanner' | 'phone' | 'fax';

/** One page as the device saved it. */
export interface CapturedPage {
  raster: RgbRaster;
  /** The resolution in the file's header: the page's size in the PDF is pixels / headerDpi inches. */
  headerDpi: number;
  /** JPEG at `quality` (1-100), or lossless PNG (a fax's black and white). */
  encoding: { format: 'jpeg'; quality: number } | { format: 'png' };
}

/** A document's capture, drawn from a family. */
export interface CapturePlan {
  family: FamilyName;
  device: Device;
  /** What the draw composed and the device's settings, printed beside the seed. */
  description: string;
  /** Captures one page (`raster` is the clean page at `sheet.dpi`), its own draws from `rng`. */
  capture(raster: RgbRaster, sheet: Sheet, rng: Rng): CapturedPage;
}

type Degradation = (raster: RgbRaster, rng: Rng, sheet: Sheet) => RgbRaster;

/** The degradations of the sheet before capture, by name; applied in this order whatever the draw. */
const ON_PAPER = {
  'aged paper': agePaper,
  'pen marks': markUp,
  stains: stain,
  'bleed-through': bleedThrough,
  photocopy: (r, rng) => copierEdges(lowContrast(r, rng), rng),
  'toner speckle': tonerSpeckle,
  'uneven light': unevenLight,
  'dark copy': darkCopy,
  'bound volume': bindingCurl,
  folds: foldCreases,
} satisfies Record<string, Degradation>;
type PaperStep = keyof typeof ON_PAPER;

/** Draws the capture of one document of `family`. */
export function planCapture(family: FamilyName, rng: Rng): CapturePlan {
  switch (family) {
    case 'faded':
      // Archive scanners run at 200-300 dpi; JPEG 60-85 is their "normal" to "high" quality setting.
      return scanned(family, ['aged paper', 'stains', 'uneven light'], rng.int(200, 300), rng.int(60, 85));
    case 'marked':
      return scanned(family, ['pen marks'], rng.int(200, 300), rng.int(60, 85));
    case 'photocopy200':
      // A copy scanned at 200 dpi; 50-80 covers the office multifunction devices' JPEG settings.
      return scanned(family, ['bleed-through', 'photocopy', 'toner speckle'], 200, rng.int(50, 80));
    case 'phone':
      return photographed(family, [], rng.int(35, 60));
    case 'fax':
      return faxed(family, [], rng);
    case 'mixed':
      return mixed(rng);
    case 'soft':
      return soft(rng);
    case 'darkcopy':
      // A copy too dark, scanned as the archive scans (200-300 dpi, JPEG 50-85 as photocopy200's devices). Not
      // among MIXABLE, so the earlier families' seeds draw what they drew.
      return scanned(family, ['dark copy'], rng.int(200, 300), rng.int(50, 85));
    case 'bound':
      // A page of a bound volume on a flatbed, scanned as the archive scans. Not among MIXABLE either.
      return scanned(family, ['bound volume'], rng.int(200, 300), rng.int(60, 85));
    case 'folded':
      // A report posted or filed folded, opened out and scanned as the archive scans. Not among MIXABLE either.
      return scanned(family, ['folds'], rng.int(200, 300), rng.int(60, 85));
    case 'streaked':
      return streaked(rng);
    case 'fed':
      return fedCrooked(rng);
    case 'compound':
      return compound(rng);
    case 'app':
      return scanningApp(rng);
  }
}

// What mixed draws from. A fax's fixed threshold turns faded toner white and a shadow black, and a phone photo
// is never faxed: those pairs are not drawn together, so every draw stays legible.
const MIXABLE = [
  'aged paper',
  'pen marks',
  'stains',
  'bleed-through',
  'photocopy',
  'toner speckle',
  'uneven light',
  'phone',
  'fax',
  'strong JPEG',
] as const;
const CLASHES: readonly (readonly [string, string])[] = [
  ['fax', 'phone'],
  ['fax', 'aged paper'],
  ['fax', 'uneven light'],
];

/** `fewest` to `most` distinct items of `pool`, never a pair of `clashes`, in the order drawn. */
function chooseSome(
  rng: Rng,
  pool: readonly string[],
  clashes: readonly (readonly [string, string])[],
  fewest: number,
  most: number,
): string[] {
  const chosen: string[] = [];
  const wanted = rng.int(fewest, most);
  while (chosen.length < wanted) {
    const next = rng.pick(pool);
    if (
      !chosen.includes(next) &&
      !clashes.some(([a, b]) => (a === next && chosen.includes(b)) || (b === next && chosen.includes(a)))
    ) {
      chosen.push(next);
    }
  }
  return chosen;
}

/** Two to four of MIXABLE, never a clashing pair, on the device the draw implies (a scanner if neither). */
function mixed(rng: Rng): CapturePlan {
  const chosen = chooseSome(rng, MIXABLE, CLASHES, 2, 4);
  const paper = (Object.keys(ON_PAPER) as PaperStep[]).filter((s) => chosen.includes(s));
  if (chosen.includes('phone')) {
    return photographed('mixed', paper, chosen.includes('strong JPEG') ? rng.int(30, 40) : rng.int(35, 60));
  }
  if (chosen.includes('fax')) {
    return faxed('mixed', paper, rng);
  }
  // A scanner's "small file" setting: JPEG 30-50, as render.py's --hard scans.
  return scanned(
    'mixed',
    paper,
    rng.int(200, 300),
    chosen.includes('strong JPEG') ? rng.int(30, 50) : rng.int(60, 85),
    chosen.includes('strong JPEG'),
  );
}

// Out of focus by 0.004-0.011 in (a Gaussian's deviation on the sheet): a phone held too close or moved, a scanner's
// glass away from a bound book's page. At 0.011 in (1.6 of a phone's pixels) print is soft but read without effort.
const DEFOCUS_IN: readonly [number, number] = [0.004, 0.011];

/** A phone photo or a scan, each in half the draws, out of focus by DEFOCUS_IN (before the sensor's noise). */
function soft(rng: Rng): CapturePlan {
  const defocusIn = rng.uniform(...DEFOCUS_IN);
  return outOfFocus(
    rng.chance(0.5)
      ? photographed('soft', [], rng.int(35, 60), defocusIn)
      : scanned('soft', [], rng.int(200, 300), rng.int(60, 85), false, defocusIn),
    defocusIn,
  );
}

/** `plan`, captured out of focus by `defocusIn`, so described. */
function outOfFocus(plan: CapturePlan, defocusIn: number): CapturePlan {
  return defocusIn > 0
    ? { ...plan, description: `defocus ${(defocusIn * 1000).toFixed(1)} thousandths of an inch + ${plan.description}` }
    : plan;
}

/**
 * Fed through a sheet feeder with dust on its glass: the same streaks (streaks.ts) down every page, drawn on the
 * scanned image (they do not turn with the sheet's skew), at 200-300 dpi, JPEG 60-85 as the archive scans. Not among
 * MIXABLE either.
 */
function streaked(rng: Rng): CapturePlan {
  const streaks = drawStreaks(rng.fork('streaks'));
  return withStreaks(scanned('streaked', [], rng.int(200, 300), rng.int(60, 85)), streaks);
}

/** `plan` with `streaks` drawn down every page it captures, on the saved image. */
function withStreaks(plan: CapturePlan, streaks: readonly Streak[]): CapturePlan {
  return {
    ...plan,
    description: `${streaks.length} feeder streak(s) + ${plan.description}`,
    capture: (raster, sheet, pageRng) => {
      const page = plan.capture(raster, sheet, pageRng);
      return { ...page, raster: streak(page.raster, streaks, page.headerDpi) };
    },
  };
}

/**
 * Fed crooked through a production scanner's feeder with its crop and deskew off (feeder.ts): the backing round
 * the turned sheet, at 200-300 dpi, JPEG 60-85 as the archive scans. Not among MIXABLE either.
 */
function fedCrooked(rng: Rng): CapturePlan {
  const feeder = drawFeeder(rng.fork('feeder'));
  return fed('fed', [], feeder, rng.int(200, 300), rng.int(60, 85));
}

function fed(
  family: FamilyName,
  steps: readonly PaperStep[],
  feeder: Feeder,
  dpi: number,
  quality: number,
  strongJpeg = false,
): CapturePlan {
  const backing = feeder.backing[0] < 128 ? 'dark' : 'white';
  return {
    family,
    device: 'scanner',
    description: named(
      strongJpeg ? [...steps, 'strong JPEG'] : steps,
      `feeder, ${backing} backing, window ${feeder.marginMm.toFixed(1)} mm wider, ${dpi} dpi JPEG ${quality}`,
    ),
    capture: (raster, sheet, rng) => ({
      raster: feedCrooked(onPaper(steps, raster, sheet, rng), rng.fork('feed'), feeder, sheet.dpi, dpi),
      headerDpi: dpi,
      encoding: { format: 'jpeg', quality },
    }),
  };
}

// What compound draws from: mixed's choices and the families written after it, each a step of its own. Pairs never
// drawn together, beyond mixed's: a fax's fixed threshold turns a dark copy's grey paper black and a soft page's
// strokes to blots (and a fax is lossless, no JPEG); a phone holds no feeder, draws no streak and has no flatbed to
// bend a bound page on; a feeder (its streaks are dust on a feeder's glass) takes no bound volume and presses the
// sheet to its glass (no soft focus).
const COMPOUNDABLE = [...MIXABLE, 'dark copy', 'bound volume', 'folds', 'streaks', 'feeder', 'soft focus'] as const;
const COMPOUND_CLASHES: readonly (readonly [string, string])[] = [
  ...CLASHES,
  ['fax', 'dark copy'],
  ['fax', 'soft focus'],
  ['fax', 'streaks'],
  ['fax', 'strong JPEG'],
  ['fax', 'feeder'],
  ['fax', 'bound volume'],
  ['phone', 'feeder'],
  ['phone', 'streaks'],
  ['phone', 'bound volume'],
  ['feeder', 'bound volume'],
  ['feeder', 'soft focus'],
  ['streaks', 'bound volume'],
  ['streaks', 'soft focus'],
];

/** Three to five of COMPOUNDABLE, never a clashing pair. */
export function compoundSteps(rng: Rng): string[] {
  return chooseSome(rng, COMPOUNDABLE, COMPOUND_CLASHES, 3, 5);
}

/**
 * Three to five of COMPOUNDABLE (compoundSteps): the kinds of capture no family composes, such as a folded
 * photocopy with pen marks fed crooked past a streak. On a phone, a fax, a feeder or a flatbed as the draw implies.
 */
function compound(rng: Rng): CapturePlan {
  const chosen = compoundSteps(rng);
  const paper = (Object.keys(ON_PAPER) as PaperStep[]).filter((s) => chosen.includes(s));
  const strong = chosen.includes('strong JPEG');
  const defocusIn = chosen.includes('soft focus') ? rng.uniform(...DEFOCUS_IN) : 0;
  const streaks = chosen.includes('streaks') ? drawStreaks(rng.fork('streaks')) : [];
  const streakedIf = (plan: CapturePlan) => (streaks.length > 0 ? withStreaks(plan, streaks) : plan);
  if (chosen.includes('phone')) {
    return outOfFocus(
      photographed('compound', paper, strong ? rng.int(30, 40) : rng.int(35, 60), defocusIn),
      defocusIn,
    );
  }
  if (chosen.includes('fax')) {
    return faxed('compound', paper, rng);
  }
  const dpi = rng.int(200, 300);
  const quality = strong ? rng.int(30, 50) : rng.int(60, 85);
  if (chosen.includes('feeder')) {
    return streakedIf(fed('compound', paper, drawFeeder(rng.fork('feeder')), dpi, quality, strong));
  }
  return streakedIf(outOfFocus(scanned('compound', paper, dpi, quality, strong, defocusIn), defocusIn));
}

// An A4 sheet's width in inches: an app that sizes its PDF page to the paper writes its width in pixels over this.
const A4_WIDTH_IN = 8.27;

/**
 * A phone's scanning app (scan-app.ts): the sheet photographed, cut out at the corners the app found, flattened
 * and filtered, one app's settings for the whole document. Half the draws' PDFs are sized by a 72 dpi header (a
 * page 17-34 inches wide), half as an A4 page. JPEG 50-80, the apps' range. A phone's targets.
 */
function scanningApp(rng: Rng): CapturePlan {
  const app = drawScanApp(rng.fork('app'));
  const headerDpi = rng.chance(0.5) ? 72 : app.width / A4_WIDTH_IN;
  const quality = rng.int(50, 80);
  return {
    family: 'app',
    device: 'phone',
    description: `scanning app, ${app.width} px wide, ${app.filter}, header ${headerDpi.toFixed(0)} dpi, JPEG ${quality}`,
    capture: (raster, sheet, pageRng) => ({
      raster: scanWithApp(raster, pageRng.fork('app'), sheet.dpi, app),
      headerDpi,
      encoding: { format: 'jpeg', quality },
    }),
  };
}

function onPaper(steps: readonly PaperStep[], raster: RgbRaster, sheet: Sheet, rng: Rng): RgbRaster {
  return steps.reduce((r, step) => ON_PAPER[step](r, rng.fork(step), sheet), raster);
}

const named = (steps: readonly string[], device: string) => [...steps, device].join(' + ');

function scanned(
  family: FamilyName,
  steps: readonly PaperStep[],
  dpi: number,
  quality: number,
  strongJpeg = false,
  defocusIn = 0,
): CapturePlan {
  return {
    family,
    device: 'scanner',
    description: named(strongJpeg ? [...steps, 'strong JPEG'] : steps, `scanner ${dpi} dpi JPEG ${quality}`),
    capture: (raster, sheet, rng) => ({
      raster: scan(onPaper(steps, raster, sheet, rng), rng.fork('scan'), sheet.dpi, dpi, defocusIn),
      headerDpi: dpi,
      encoding: { format: 'jpeg', quality },
    }),
  };
}

function photographed(family: FamilyName, steps: readonly PaperStep[], quality: number, defocusIn = 0): CapturePlan {
  return {
    family,
    device: 'phone',
    description: named(steps, `phone JPEG ${quality}, header 72 dpi`),
    capture: (raster, sheet, rng) => ({
      // A phone writes 72 dpi in the header whatever the sheet: its resolution says nothing of the paper.
      raster: photograph(onPaper(steps, raster, sheet, rng), rng.fork('photo'), sheet.dpi, defocusIn),
      headerDpi: 72,
      encoding: { format: 'jpeg', quality },
    }),
  };
}

function faxed(family: FamilyName, steps: readonly PaperStep[], rng: Rng): CapturePlan {
  // Standard fax resolution is about 200 x 100 lines per inch, read here as 150 dpi square; "fine" is 204 x 196,
  // read as 200 dpi. Two draws in three are standard, the default of fax machines.
  const dpi = rng.chance(2 / 3) ? 150 : 200;
  return {
    family,
    device: 'fax',
    description: named(steps, `fax ${dpi} dpi`),
    capture: (raster, sheet, pageRng) => ({
      raster: faxTransmit(onPaper(steps, raster, sheet, pageRng), pageRng.fork('fax'), sheet.dpi, dpi),
      headerDpi: dpi,
      encoding: { format: 'png' },
    }),
  };
}
