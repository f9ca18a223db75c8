// A scanned page is most often one grey JPEG drawn over the whole page and nothing else (what scanners, img2pdf and
// OCRmyPDF's input write). Drawn at its own resolution, such a page's pixels are the JPEG's: decoding it with
// libjpeg-turbo (sharp) costs about a tenth of pdfjs rendering the page (a 300 dpi A4 grey scan: 50 ms against 600 ms
// of CPU, measured). This module finds such JPEGs with pdf-lib; whether one is drawn at the resolution asked for is
// for pdf.adapter.ts to say. Any page that is more (text, vector drawing, a mask, a second image, an optional-content
// image, annotations) or a JPEG in colour is left to pdfjs: libjpeg-turbo smooths subsampled chroma where pdfjs
// repeats it (31 grey levels apart at a red seal's edge, measured), and the seal rules work on pdfjs's colours.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
// Looking for page JPEGs reads the whole file's structure and keeps the JPEGs until their page is rendered: files
// over 64 MB (a hundred 300 dpi grey pages) are left to pdfjs, so neither the time nor the memory grows unbounded.
const MAX_FILE_BYTES = 64 * 1024 * 1024;
// PDF's white-space characters (ISO 32000 7.2.2), which separate tokens; \v and no-break space are not among them.
const WHITE_SPACE = /[\0\t\n\f\r ]+/;

/** m1 then m2 (PDF's row-vector convention: a point is [x y 1] times the matrix). */
const multiply = (m1: Matrix, m2: Matrix): Matrix => [
  m1[0] * m2[0] + m1[1] * m2[2],
  m1[0] * m2[1] + m1[1] * m2[3],
  m1[2] * m2[0] + m1[3] * m2[2],
  m1[2] * m2[1] + m1[3] * m2[3],
  m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
  m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
];

/**
 * What the page's content streams do, if it is only drawing one XObject: the XObject's name and the matrix it is
 * drawn with. Anything but q, Q, cm and a single Do (text, paths, clips, graphics states, a Q with nothing saved)
 * gives null.
 */
export function singleDrawing(content: string): { name: string; matrix: Matrix } | null {
  const tokens = content.split(WHITE_SPACE).filter((t) => t !== '');
  const operands: string[] = [];
  const saved: Matrix[] = [];
  let ctm = IDENTITY;
  let drawn: { name: string; matrix: Matrix } | null = null;
  for (const token of tokens) {
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token) || /^\/[^/[\]()<>{}%]+$/.test(token)) {
      operands.push(token);
      continue;
    }
    switch (token) {
      case 'q':
        saved.push(ctm);
        break;
      case 'Q': {
        const restored = saved.pop();
        if (!restored) {
          return null;
        }
        ctm = restored;
        break;
      }
      case 'cm': {
        if (operands.length !== 6) {
          return null;
        }
        ctm = multiply(operands.map(Number) as Matrix, ctm);
        break;
      }
      case 'Do':
        if (drawn || operands.length !== 1) {
          return null;
        }
        drawn = { name: operands[0].slice(1), matrix: ctm };
        break;
      default:
        return null;
    }
    operands.length = 0;
  }
  return operands.length === 0 ? drawn : null;
}

export interface PageJpeg {
  /** The JPEG's bytes (a copy: the PDF's bytes are not kept). */
  jpeg: Uint8Array;
  /** Its size in pixels, as the PDF declares it. */
  width: number;
  height: number;
  /** Where it is drawn, in PDF points (origin bottom left): the unit square scaled by width and height and moved. */
  placed: { x: number; y: number; width: number; height: number };
}

/**
 * The grey JPEG that is the whole of each page (index 0 is page 1), or null where a page is more than that. A file
 * pdf-lib cannot read, or whose page count is not `pageCount` (what pdfjs found: the two would number pages
 * differently), has none.
 */
export async function pageJpegs(bytes: Uint8Array, pageCount: number): Promise<(PageJpeg | null)[]> {
  const none = Array.from({ length: pageCount }, () => null);
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return none;
  }
  try {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    if (pdf.getPageCount() !== pageCount) {
      return none;
    }
    return none.map((_, i) => {
      try {
        return jpegOf(pdf, i);
      } catch {
        return null;
      }
    });
  } catch {
    return none;
  }
}

function jpegOf(pdf: PDFDocument, index: number): PageJpeg | null {
  const page = pdf.getPage(index);
  // Annotations are drawn by pdfjs over the page: such a page is more than its image (pdf-lib writes an empty list).
  const annotations = pdf.context.lookup(page.node.get(PDFName.of('Annots')));
  if (annotations !== undefined && !(annotations instanceof PDFArray && annotations.size() === 0)) {
    return null;
  }
  const content = contentOf(pdf, page.node.get(PDFName.of('Contents')));
  const drawing = content === null ? null : singleDrawing(content);
  if (!drawing) {
    return null;
  }
  // Neither turned nor flipped: the image's first row is the page's top.
  const [a, b, c, d, e, f] = drawing.matrix;
  if (b !== 0 || c !== 0 || a <= 0 || d <= 0) {
    return null;
  }
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const image = xobjects ? pdf.context.lookup(xobjects.get(PDFName.of(drawing.name))) : undefined;
  if (!(image instanceof PDFRawStream)) {
    return null;
  }
  const jpeg = plainGreyJpeg(pdf, image);
  return jpeg ? { ...jpeg, placed: { x: e, y: f, width: a, height: d } } : null;
}

/** The stream's bytes if it is an 8-bit grey image in one DCTDecode filter, unmasked, not remapped, always shown. */
function plainGreyJpeg(pdf: PDFDocument, image: PDFRawStream): Omit<PageJpeg, 'placed'> | null {
  const dict = image.dict;
  const name = (key: string): string | undefined => {
    const value = pdf.context.lookup(dict.get(PDFName.of(key)));
    const only = value instanceof PDFArray && value.size() === 1 ? pdf.context.lookup(value.get(0)) : value;
    return only instanceof PDFName ? only.decodeText() : undefined;
  };
  const number = (key: string) => {
    const value = pdf.context.lookup(dict.get(PDFName.of(key)));
    return value instanceof PDFNumber ? value.asNumber() : undefined;
  };
  // Masks and remapped values change what is drawn; DecodeParms may set a colour transform the JPEG does not declare;
  // optional content may be hidden.
  const unsupported = ['SMask', 'Mask', 'Decode', 'DecodeParms', 'ImageMask', 'SMaskInData', 'OC'].some((k) =>
    dict.has(PDFName.of(k)),
  );
  const [width, height] = [number('Width'), number('Height')];
  if (
    name('Subtype') !== 'Image' ||
    name('Filter') !== 'DCTDecode' ||
    number('BitsPerComponent') !== 8 ||
    unsupported ||
    name('ColorSpace') !== 'DeviceGray' ||
    width === undefined ||
    height === undefined
  ) {
    return null;
  }
  return { jpeg: Uint8Array.from(image.contents), width, height };
}

/** The page's content streams decoded and joined, or null if one cannot be decoded. */
function contentOf(pdf: PDFDocument, contents: ReturnType<PDFDict['get']>): string | null {
  const value = contents instanceof PDFRef ? pdf.context.lookup(contents) : contents;
  const streams = value instanceof PDFArray ? value.asArray().map((s) => pdf.context.lookup(s)) : [value];
  const parts: string[] = [];
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) {
      return null;
    }
    try {
      parts.push(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'));
    } catch {
      return null;
    }
  }
  return parts.join('\n');
}
