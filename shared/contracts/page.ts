// What the OCR stage stores per page and the table stage reads: words, lines and rulings, in PDF points.
import { z } from 'zod';
import { bboxSchema, rulingsSchema, tableRegionSchema } from './geometry';

export const wordSchema = z.object({
  text: z.string(),
  /** 0..1: 1 for a text layer, Tesseract's word confidence / 100 for OCR. */
  confidence: z.number().min(0).max(1),
  bbox: bboxSchema,
});
export type Word = z.infer<typeof wordSchema>;

export const lineSchema = z.object({
  text: z.string(),
  confidence: z.number().min(0).max(1),
  bbox: bboxSchema,
  words: z.array(wordSchema),
});
export type Line = z.infer<typeof lineSchema>;

/** How a page's text was obtained. */
export const pageSourceSchema = z.enum(['text-layer', 'ocr', 'failed']);
export type PageSource = z.infer<typeof pageSourceSchema>;

/** A scanned page's own sizes, measured on its image (shared/domain/page-geometry.ts), in points. */
export const pageGeometrySchema = z.object({
  /** Median width of a stroke of print. */
  strokePt: z.number().positive(),
  /** Median thickness of its horizontal rulings; null when it has none. */
  rulingPt: z.number().positive().nullable(),
  /** Height of a glyph of its text; null when it has too little text to say. */
  textHeightPt: z.number().positive().nullable(),
});
export type PageGeometryPt = z.infer<typeof pageGeometrySchema>;

/** The OCR stage's output for one page. */
export const pageRecognitionSchema = z.object({
  documentId: z.string(),
  page: z.number().int().positive(),
  source: pageSourceSchema,
  /** Why the page failed, when source is 'failed'. */
  failure: z.string().optional(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  /** Skew found and removed, degrees (positive: the scan was turned clockwise). */
  skewDegrees: z.number(),
  /** Quarter turns applied to bring the page upright (0, 90, 180, 270). */
  rotation: z.number(),
  /** Nothing on the page to read: a blank separator sheet (its speckle is not read as prose). */
  blank: z.boolean().optional(),
  /** Prose lines outside tables and photos, in reading order. */
  lines: z.array(lineSchema),
  /** Text-layer words inside table regions (digital pages only; scans read cells from the image). */
  tableWords: z.array(wordSchema),
  /** The ruled tables OCR found on the page, in points: the table stage builds their grids from these. */
  tableRegions: z.array(tableRegionSchema).optional(),
  /** Records made before `tableRegions`: the ruling segments alone, whose regions the table stage finds again. */
  rulings: rulingsSchema.optional(),
  /** Tables with no ruling of their own, found from their text's alignment (shared/domain/text-tables.ts), in
   * points; their words are not in `lines` (absent in records made before they were looked for). */
  textTables: z.array(bboxSchema).optional(),
  /** GridFS id of the upright page image (grayscale PNG) used for cell reading and review crops. */
  imageFileId: z.string().nullable(),
  /** Resolution of that image, pixels per inch. */
  imageDpi: z.number().positive(),
  /** Stroke, ruling and glyph sizes of a scanned page (absent on text-layer pages, failed and blank ones). */
  geometry: pageGeometrySchema.optional(),
  /** A photographed sheet's corners on the page as displayed, points (top-left, top-right, bottom-right,
   * bottom-left): the page was warped flat from them, before any quarter turn. Absent for scans. */
  sheet: z
    .array(z.object({ x: z.number(), y: z.number() }))
    .length(4)
    .optional(),
});
export type PageRecognition = z.infer<typeof pageRecognitionSchema>;

/** A page record with nothing read on it: no size, no turn, no lines, words or tables (a blank or failed page's,
 * and the base of the records tests make). */
export function emptyPageRecord(documentId: string, page: number, dpi: number): PageRecognition {
  return {
    documentId,
    page,
    source: 'failed',
    width: 0,
    height: 0,
    skewDegrees: 0,
    rotation: 0,
    lines: [],
    tableWords: [],
    tableRegions: [],
    imageFileId: null,
    imageDpi: dpi,
  };
}
