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

  it('cuts the packaged chi_sim model to its LSTM parts, the model itself unchanged', () => {
    const pkg = path.dirname(require.resolve('@tesseract.js-data/chi_sim/package.json'));
    const full = gunzipSync(readFileSync(path.join(pkg, '4.0.0', 'chi_sim.traineddata.gz')));
    const cut = lstmOnly(full);
    const lstm = (data: Uint8Array) => componentsOf(data).find((c) => c.slot === 17)?.bytes;
    expect(Buffer.compare(lstm(cut) ?? Buffer.alloc(0), lstm(full) ?? Buffer.alloc(1))).toBe(0);
    expect(componentsOf(full).some((c) => c.slot === 3)).toBe(true);
    expect(componentsOf(cut).some((c) => c.slot === 3)).toBe(false);
    expect(cut.length).toBeLessThan(full.length / 10);
  });

  it.each([
    ['too short', new Uint8Array([1, 0])],
    ['a PNG', new Uint8Array(Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR'))],
    ['an offset past its end', pointingPast(container({ 0: 'config' }))],
  ])('refuses %s', (_, bytes) => {
    expect(() => lstmOnly(bytes)).toThrow(TraineddataError);
  });
});
