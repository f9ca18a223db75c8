// A scanned page is most often one JPEG drawn over the whole page and nothing else (what scanners, img2pdf and
// OCRmyPDF's input write). Such a page's pixels are the JPEG's: decoding it with libjpeg-turbo (sharp) costs about a
// twelfth of pdfjs rendering the page (a 300 dpi A4 grey scan: 50 ms against 600 ms of CPU, measured). This module
// finds that JPEG with pdf-lib; any page that is anything more (text, vector drawing, a mask, a second image, a
// rotation, an image not covering the page exactly, a colour space other than grey or RGB) is left to pdfjs.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
// The image must land on the page box within 0.5 pt (0.007 in): a writer's rounding of the page size, well under a
// pixel at 300 dpi (0.24 pt), and far from any image placed with a margin.
const PLACEMENT_TOLERANCE_PT = 0.5;

/** m1 then m2 (PDF's row-vector convention: a point is [x y 1] times the matrix). */
const multiply = (m1: Matrix, m2: Matrix): Matrix => [
  m1[0] * m2[0] + m1[1] * m2[2], m1[0] * m2[1] + m1[1] * m2[3],
  m1[2] * m2[0] + m1[3] * m2[2], m1[2] * m2[1] + m1[3] * m2[3],
  m1[4] * m2[0] + m1[5] * m2[2] + m2[4], m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
];

/**
 * What the page's content streams do, if it is only drawing one XObject: the XObject's name and the matrix it is
 * drawn with. Anything but q, Q, cm and a single Do (text, paths, clips, graphics states) gives null.
 */
export function singleDrawing(content: string): { name: string; matrix: Matrix } | null {
  const tokens = content.split(/[\s\0]+/).filter((t) => t !== '');
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
      case 'Q':
        ctm = saved.pop() ?? IDENTITY;
        break;
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
  jpeg: Uint8Array;
  /** Its size in pixels, as the PDF declares it. */
  width: number;
  height: number;
}

export interface PageJpegs {
  /** The JPEG that is the whole of page `page` (1-based), or null if the page is more than that. */
  of(page: number): PageJpeg | null;
}

/** Reads the PDF's structure with pdf-lib; a PDF, or a page, that pdf-lib cannot read is not taken as a JPEG. */
export async function pageJpegs(bytes: Uint8Array): Promise<PageJpegs> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false }).catch(() => null);
  return {
    of: (page) => {
      try {
        return pdf ? jpegOf(pdf, page) : null;
      } catch {
        return null;
      }
    },
  };
}

function jpegOf(pdf: PDFDocument, pageNumber: number): PageJpeg | null {
  const page = pdf.getPages()[pageNumber - 1];
  if (!page || page.getRotation().angle % 360 !== 0) {
    return null;
  }
  // Annotations are drawn by pdfjs over the page: such a page is more than its image (pdf-lib writes an empty list).
  const annotations = pdf.context.lookup(page.node.get(PDFName.of('Annots')));
  if (annotations !== undefined && !(annotations instanceof PDFArray && annotations.size() === 0)) {
    return null;
  }
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  if (['x', 'y', 'width', 'height'].some((k) => Math.abs(media[k as keyof typeof media] - crop[k as keyof typeof crop]) > PLACEMENT_TOLERANCE_PT)) {
    return null;
  }
  const content = contentOf(pdf, page.node.get(PDFName.of('Contents')));
  const drawing = content === null ? null : singleDrawing(content);
  if (!drawing) {
    return null;
  }
  const [a, b, c, d, e, f] = drawing.matrix;
  const near = (x: number, y: number) => Math.abs(x - y) <= PLACEMENT_TOLERANCE_PT;
  if (b !== 0 || c !== 0 || !near(a, media.width) || !near(d, media.height) || !near(e, media.x) || !near(f, media.y)) {
    return null;
  }
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const image = xobjects ? pdf.context.lookup(xobjects.get(PDFName.of(drawing.name))) : undefined;
  if (!(image instanceof PDFRawStream)) {
    return null;
  }
  return plainJpeg(pdf, image);
}

/** The stream's bytes if it is an 8-bit grey or RGB image in one DCTDecode filter, unmasked and not remapped. */
function plainJpeg(pdf: PDFDocument, image: PDFRawStream): PageJpeg | null {
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
  const space = name('ColorSpace');
  // Masks and remapped values change what is drawn; DecodeParms may set a colour transform the JPEG does not declare.
  const unsupported = ['SMask', 'Mask', 'Decode', 'DecodeParms', 'ImageMask', 'SMaskInData'].some((k) => dict.has(PDFName.of(k)));
  const [width, height] = [number('Width'), number('Height')];
  if (name('Subtype') !== 'Image' || name('Filter') !== 'DCTDecode' || number('BitsPerComponent') !== 8 || unsupported
    || (space !== 'DeviceGray' && space !== 'DeviceRGB') || width === undefined || height === undefined) {
    return null;
  }
  return { jpeg: image.contents, width, height };
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
