// Tesseract's language data for its LSTM engine alone. A `.traineddata` file is a container (Tesseract's
// TessdataManager): a 32-bit count of component slots, one 64-bit offset per slot (-1 where the component is absent),
// then the components one after another in slot order. The `4.0.0` files of `@tesseract.js-data` hold the legacy
// engine's classifier beside the LSTM model: 41 of chi_sim's 44 MB (its templates, `inttemp`, alone 40 MB) and 18 of
// eng's 23 MB (a bigram dictionary). Tesseract keeps the whole file in each worker's memory whichever engine reads,
// so a worker given the file without them holds 127 MB after loading chi_sim instead of 306 MB, and reads the same
// words with the same confidences and boxes (measured on a corpus page, 2026-12-01).

/** Slots the LSTM engine reads (tessdata_manager's TessdataType): config, unicharset, unicharambigs, the LSTM model,
 * its dictionaries, unicharset and recoder, and the version. Every other slot belongs to the legacy engine. */
const LSTM_SLOTS = new Set([0, 1, 2, 17, 18, 19, 20, 21, 22, 23]);
/** The LSTM model's own slot: a container without it is no model for the LSTM engine. */
export const LSTM_MODEL_SLOT = 17;
/** What the cut keeps, for naming what it made: a cut by other slots is another file. */
export const LSTM_CUT = [...LSTM_SLOTS].join(',');

/** Thrown for bytes that are not a traineddata container, or hold no LSTM model. */
export class TraineddataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraineddataError';
  }
}

/** The container `data` with only the LSTM engine's components, each byte for byte as it was. */
export function lstmOnly(data: Uint8Array): Uint8Array {
  const components = componentsOf(data);
  if (!components.some((c) => c.slot === LSTM_MODEL_SLOT)) {
    throw new TraineddataError('the file holds no LSTM model');
  }
  const kept = components.filter((c) => LSTM_SLOTS.has(c.slot));
  const slots = slotCount(data);
  const headerBytes = 4 + 8 * slots;
  const out = new Uint8Array(headerBytes + kept.reduce((n, c) => n + c.bytes.length, 0));
  const view = new DataView(out.buffer);
  view.setInt32(0, slots, true);
  for (let slot = 0; slot < slots; slot += 1) {
    view.setBigInt64(4 + 8 * slot, -1n, true);
  }
  let at = headerBytes;
  for (const c of kept) {
    view.setBigInt64(4 + 8 * c.slot, BigInt(at), true);
    out.set(c.bytes, at);
    at += c.bytes.length;
  }
  return out;
}

/** The components present in the container, in slot order, each with its bytes. */
export function componentsOf(data: Uint8Array): { slot: number; bytes: Uint8Array }[] {
  const slots = slotCount(data);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const present: { slot: number; offset: number }[] = [];
  for (let slot = 0; slot < slots; slot += 1) {
    const offset = Number(view.getBigInt64(4 + 8 * slot, true));
    if (offset >= 0) {
      present.push({ slot, offset });
    }
  }
  const starts = present.map((p) => p.offset).sort((a, b) => a - b);
  return present.map(({ slot, offset }) => {
    const end = starts.find((s) => s > offset) ?? data.length;
    if (offset < 4 + 8 * slots || end < offset || end > data.length) {
      throw new TraineddataError(`component ${slot} lies outside the file (${offset}-${end} of ${data.length} bytes)`);
    }
    return { slot, bytes: data.subarray(offset, end) };
  });
}

// Tesseract 4 and 5 files have 24 slots; older ones fewer. More than 64 is not a traineddata file.
const MAX_SLOTS = 64;

function slotCount(data: Uint8Array): number {
  if (data.length < 4) {
    throw new TraineddataError('too short for a traineddata header');
  }
  const slots = new DataView(data.buffer, data.byteOffset, data.byteLength).getInt32(0, true);
  if (slots < 1 || slots > MAX_SLOTS || data.length < 4 + 8 * slots) {
    throw new TraineddataError(`not a traineddata file (${slots} component slots in ${data.length} bytes)`);
  }
  return slots;
}
