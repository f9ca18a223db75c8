// The original PDF with an invisible, selectable text layer on its scanned pages (pdf-lib), as OCRmyPDF makes one:
// each line of prose and each table cell is written in render mode 3 (neither filled nor stroked) over the place it
// was read from, scaled to its box. The font is a glyph-less CID font whose codes are UTF-16 units and whose
// ToUnicode map is the identity, so Chinese is copied and searched as written, with no spaces between characters.
// Pages that had a text layer are left as they are.
import { PDFArray, PDFDocument, PDFName, PDFPage, PDFRef, PDFString } from 'pdf-lib';
import { homography, mapPoint } from '../domain/homography';
import type { PageText } from '../domain/searchable-text';

const FONT = 'DocpipeText';
const TO_UNICODE = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
1 beginbfrange <0000> <FFFF> <0000> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;

export async function withTextLayer(original: Uint8Array, pages: readonly PageText[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(original, { updateMetadata: false });
  const font = glyphlessFont(pdf);
  const all = pdf.getPages();
  for (const text of pages) {
    const page = all[text.page - 1];
    if (page && text.runs.length > 0) {
      writeRuns(pdf, page, font, text);
    }
  }
  return pdf.save({ useObjectStreams: false });
}

function glyphlessFont(pdf: PDFDocument): PDFRef {
  const { context } = pdf;
  const toUnicode = context.register(context.flateStream(TO_UNICODE));
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: FONT,
      Flags: 5,
      FontBBox: [0, 0, 1000, 1000],
      ItalicAngle: 0,
      Ascent: 1000,
      Descent: 0,
      CapHeight: 1000,
      StemV: 80,
    }),
  );
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: FONT,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: 1000,
      CIDToGIDMap: 'Identity',
    }),
  );
  return context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: FONT,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
}

type Point = [number, number];

/** From the upright, deskewed page (top-left origin, y down) back to the page's own user space. */
function toUserSpace(page: PDFPage, text: PageText): (p: Point) => Point {
  const box = page.getCropBox();
  const pageRotation = ((page.getRotation().angle % 360) + 360) % 360;
  const sideways = text.rotation % 180 !== 0;
  // The page as displayed (pdf.js renders it so): its size in points.
  const displayed = { width: sideways ? text.height : text.width, height: sideways ? text.width : text.height };
  const skew = (text.skewDegrees * Math.PI) / 180;
  const [cx, cy] = [text.width / 2, text.height / 2];
  // A photographed sheet was warped flat from its corners on the page: the same homography takes it back.
  const sheet = text.sheet && homography(text.sheet, displayed.width, displayed.height);
  return ([x, y]) => {
    // Undo the deskew: the image was turned by -skew degrees clockwise about its centre, keeping its size.
    const [dx, dy] = [x - cx, y - cy];
    const [tx, ty] = [cx + dx * Math.cos(skew) - dy * Math.sin(skew), cy + dx * Math.sin(skew) + dy * Math.cos(skew)];
    // Undo the quarter turns (clockwise) that brought the displayed page upright.
    let [qx, qy]: Point =
      text.rotation === 90
        ? [ty, displayed.height - tx]
        : text.rotation === 180
          ? [displayed.width - tx, displayed.height - ty]
          : text.rotation === 270
            ? [displayed.width - ty, tx]
            : [tx, ty];
    if (sheet) {
      const onPage = mapPoint(sheet, qx, qy);
      [qx, qy] = [onPage.x, onPage.y];
    }
    // The displayed page back to user space, through the page's own /Rotate.
    switch (pageRotation) {
      case 90:
        return [box.x + qy, box.y + qx];
      case 180:
        return [box.x + box.width - qx, box.y + qy];
      case 270:
        return [box.x + box.width - qy, box.y + box.height - qx];
      default:
        return [box.x + qx, box.y + box.height - qy];
    }
  };
}

const n = (v: number) => (Math.abs(v) < 1e-9 ? '0' : v.toFixed(4).replace(/\.?0+$/, ''));

function writeRuns(pdf: PDFDocument, page: PDFPage, font: PDFRef, text: PageText): void {
  const user = toUserSpace(page, text);
  const ops: string[] = ['BT', '3 Tr'];
  for (const run of text.runs) {
    const units = [...run.text].flatMap((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code > 0xffff ? [] : [code];
    });
    if (units.length === 0 || run.bbox.width <= 0 || run.bbox.height <= 0) {
      continue;
    }
    const { x, y, width, height } = run.bbox;
    const base = user([x, y + height]);
    const along = user([x + width, y + height]);
    const up = user([x, y]);
    const len = (a: Point, b: Point) => Math.hypot(b[0] - a[0], b[1] - a[1]);
    const [w, h] = [len(base, along), len(base, up)];
    // Each glyph is one em wide (DW 1000): the font size is the box's height, the horizontal scale fits its width.
    const scale = (100 * w) / (units.length * h);
    const u = [(along[0] - base[0]) / w, (along[1] - base[1]) / w];
    const v = [(up[0] - base[0]) / h, (up[1] - base[1]) / h];
    ops.push(
      `/${FONT} ${n(h)} Tf`,
      `${n(scale)} Tz`,
      `${n(u[0])} ${n(u[1])} ${n(v[0])} ${n(v[1])} ${n(base[0])} ${n(base[1])} Tm`,
      `<${units.map((c) => c.toString(16).padStart(4, '0')).join('')}> Tj`,
    );
  }
  ops.push('ET');
  const { context } = pdf;
  // The page's own content runs inside q ... Q, so whatever state it leaves cannot move the text.
  const open = context.register(context.stream('q'));
  const close = context.register(context.stream(`Q\n${ops.join('\n')}`));
  const contents = page.node.Contents();
  const existing =
    contents instanceof PDFArray ? contents.asArray() : contents ? [page.node.get(PDFName.of('Contents'))] : [];
  page.node.set(PDFName.of('Contents'), context.obj([open, ...existing, close]));
  page.node.setFontDictionary(PDFName.of(FONT), font);
}
