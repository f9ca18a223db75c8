// Where a Tesseract worker's model comes from: cut to the LSTM engine in a cache folder of the user's, or the
// packaged file where no such folder can be had (tesseract-models.ts).
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { componentsOf } from '../../shared/adapters/tesseract-data';
import { modelSource } from '../../shared/adapters/tesseract-models';

const slots = async (file: string) => componentsOf(await readFile(file)).map((c) => c.slot);

describe('the model a worker is given', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'docpipe-models-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('is the packaged model cut to the LSTM engine, written once and read again after', async () => {
    const first = await modelSource('@tesseract.js-data/eng', 'eng', path.join(tmp, 'cache'));
    expect(first.gzip).toBe(false);
    const file = path.join(first.langPath, 'eng.traineddata');
    // eng's packaged file has no config (slot 0); the rest of the LSTM engine's parts are there, and no legacy part.
    expect(await slots(file)).toEqual([1, 2, 17, 18, 19, 20, 21, 22, 23]);
    const written = (await stat(file)).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await modelSource('@tesseract.js-data/eng', 'eng', path.join(tmp, 'cache'))).toEqual(first);
    expect((await stat(file)).mtimeMs).toBe(written);
  });

  it('writes the cut again over a file cut short', async () => {
    const { langPath } = await modelSource('@tesseract.js-data/eng', 'eng', path.join(tmp, 'cache'));
    const file = path.join(langPath, 'eng.traineddata');
    await writeFile(file, (await readFile(file)).subarray(0, 300));
    await modelSource('@tesseract.js-data/eng', 'eng', path.join(tmp, 'cache'));
    expect(await slots(file)).toContain(17);
  });

  it('is the packaged file, with a warning, where the cache folder cannot be made', async () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    // A file where the folder should be, as a read-only or foreign place would refuse it.
    await writeFile(path.join(tmp, 'cache'), 'not a folder');
    const source = await modelSource('@tesseract.js-data/eng', 'eng', path.join(tmp, 'cache'));
    expect(source.gzip).toBe(true);
    expect(source.langPath).toBe(
      path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0'),
    );
    expect(String(warn.mock.calls[0][0])).toMatch(/cache\/? is not a folder of this user's.*set TMPDIR/);
    // The cause is the folder's: the next model meets it too, and the process has said so once.
    expect((await modelSource('@tesseract.js-data/chi_sim', 'chi_sim', path.join(tmp, 'cache'))).gzip).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
