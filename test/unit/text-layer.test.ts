import { isRealTextLayer } from '../../services/ocr/src/domain/text-layer';
import { proseText } from '../../services/normalisation/src/domain/prose';
import type { PageRecognition } from '../../shared/contracts/page';
import { pageRecord } from '../../harness/page-record';

const run = (text: string) => ({ text, x: 0, y: 0, width: 10, height: 10 });

describe('isRealTextLayer', () => {
  it('accepts real Chinese text, also with radical code points from the font', () => {
    expect(isRealTextLayer([run('⽯嘴⼭市公安局2020年政府信息公开工作年度报告')])).toBe(true);
  });
  it('rejects an empty or nearly empty layer (a page number)', () => {
    expect(isRealTextLayer([])).toBe(false);
    expect(isRealTextLayer([run('- 3 -')])).toBe(false);
  });
  it('rejects a layer of broken encodings', () => {
    expect(isRealTextLayer([run('\ufffd\ufffd\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008\ue009\ue00a')])).toBe(
      false,
    );
  });
});

describe('proseText', () => {
  const line = (text: string, x: number, y: number, width: number) => ({
    text,
    confidence: 1,
    words: [],
    bbox: { x, y, width, height: 14 },
  });
  const page = (n: number, lines: ReturnType<typeof line>[]): PageRecognition => pageRecord({ page: n, lines });

  it('joins the lines of a paragraph, also across a page break, and starts one at an indent', () => {
    const text = proseText([
      page(1, [
        line('一、总体情况', 60, 60, 90),
        line('2020年，市公安局坚持', 88, 80, 450),
        line('深入贯彻落实', 60, 100, 478),
      ]),
      page(2, [line('条例。', 60, 60, 40), line('（一）主动公开情况。', 88, 80, 200)]),
    ]);
    expect(text.split('\n')).toEqual([
      '一、总体情况',
      '2020年，市公安局坚持深入贯彻落实条例。',
      '（一）主动公开情况。',
    ]);
  });
});
