// Tesseract's language data cut to its LSTM engine: a container of component slots (tesseract-data.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TraineddataError, componentsOf, lstmOnly } from '../../shared/adapters/tesseract-data';

/** A container of 24 slots holding `components` (slot -> bytes), written as Tesseract writes one. */
function container(components: Record<number, string>): Uint8Array {
  const slots = 24;
  const parts = Object.entries(components).map(([slot, text]) => ({ slot: Number(slot), bytes: Buffer.from(text) }));
  const out = new Uint8Array(4 + 8 * slots + parts.reduce((n, p) => n + p.bytes.length, 0));
  const view = new DataView(out.buffer);
  view.setInt32(0, slots, true);
  for (let slot = 0; slot < slots; slot += 1) {
    view.setBigInt64(4 + 8 * slot, -1n, true);
  }
  let at = 4 + 8 * slots;
  for (const p of parts) {
    view.setBigInt64(4 + 8 * p.slot, BigInt(at), true);
    out.set(p.bytes, at);
    at += p.bytes.length;
  }
  return out;
}

/** The container with its first component's offset moved past the end of the file. */
function pointingPast(data: Uint8Array): Uint8Array {
  new DataView(data.buffer).setBigInt64(4, BigInt(data.length + 10), true);
  return data;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();

describe('traineddata for the LSTM engine alone', () => {
  it("keeps the LSTM engine's components byte for byte and drops the legacy engine's", () => {
    const full = container({
      0: 'config',
      1: 'unicharset',
      3: 'legacy templates',
      13: 'shapes',
      17: 'lstm',
      23: '4.00',
    });
    const cut = lstmOnly(full);
    expect(componentsOf(cut).map((c) => [c.slot, text(c.bytes)])).toEqual([
      [0, 'config'],
      [1, 'unicharset'],
      [17, 'lstm'],
      [23, '4.00'],
    ]);
    expect(new DataView(cut.buffer).getInt32(0, true)).toBe(24);
  });

  it.each([
    ['@tesseract.js-data/chi_sim', 'chi_sim'],
    ['@tesseract.js-data/eng', 'eng'],
  ])('cuts the packaged %s model to the LSTM parts it holds, each unchanged', (pkg, lang) => {
    const dir = path.dirname(require.resolve(`${pkg}/package.json`));
    const full = componentsOf(gunzipSync(readFileSync(path.join(dir, '4.0.0', `${lang}.traineddata.gz`))));
    const cut = componentsOf(lstmOnly(gunzipSync(readFileSync(path.join(dir, '4.0.0', `${lang}.traineddata.gz`)))));
    const lstmParts = full.filter((c) => [0, 1, 2, 17, 18, 19, 20, 21, 22, 23].includes(c.slot));
    expect(cut.map((c) => c.slot)).toEqual(lstmParts.map((c) => c.slot));
    cut.forEach((c, i) => expect(Buffer.compare(c.bytes, lstmParts[i].bytes)).toBe(0));
    // The legacy engine's templates were most of the file.
    expect(full.some((c) => c.slot === 3)).toBe(true);
  });

  it.each([
    ['too short', new Uint8Array([1, 0])],
    ['a PNG', new Uint8Array(Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR'))],
    ['an offset past its end', pointingPast(container({ 0: 'config', 17: 'lstm' }))],
    ['a container with no LSTM model', container({ 0: 'config', 3: 'legacy templates' })],
  ])('refuses %s', (_, bytes) => {
    expect(() => lstmOnly(bytes)).toThrow(TraineddataError);
  });
});
