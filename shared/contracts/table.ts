// Tables as grids of cells: what the table stage stores per page and the report carries per table.
import { z } from 'zod';
import { bboxSchema } from './geometry';
import { wordSchema } from './page';

export const cellSchema = z.object({
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  rowSpan: z.number().int().positive(),
  colSpan: z.number().int().positive(),
  text: z.string(),
  confidence: z.number().min(0).max(1),
  page: z.number().int().positive(),
  bbox: bboxSchema,
  /** Other readings of the cell (second OCR pass), most likely first; used by normalisation. */
  alternatives: z.array(z.object({ text: z.string(), confidence: z.number() })).default([]),
  words: z.array(wordSchema).default([]),
  /** Why the cell's place in the grid is in doubt (rulings that did not close, a header over several
   * columns): its value needs a person's eye whatever the OCR confidence. */
  structureDoubt: z.string().optional(),
});
export type Cell = z.infer<typeof cellSchema>;

export const pageTableSchema = z.object({
  /** Index of the table on its page, top to bottom. */
  index: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  bbox: bboxSchema,
  rows: z.number().int().positive(),
  cols: z.number().int().positive(),
  /** Column boundaries relative to the table's left edge, in points: used to join continued tables. */
  columnEdges: z.array(z.number()),
  /** Whether text stands between this table and the page edge above / below it. */
  textAbove: z.boolean(),
  textBelow: z.boolean(),
  cells: z.array(cellSchema),
});
export type PageTable = z.infer<typeof pageTableSchema>;

export const pageTablesSchema = z.object({
  documentId: z.string(),
  page: z.number().int().positive(),
  tables: z.array(pageTableSchema),
  /** Why the page's tables could not be read, when the table stage gave up on it. */
  failure: z.string().optional(),
});
export type PageTables = z.infer<typeof pageTablesSchema>;
