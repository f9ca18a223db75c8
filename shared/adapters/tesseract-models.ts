// Where each Tesseract worker's model comes from. Language data ships in npm packages (never a CDN at run time);
// their `4.0.0` models, not `4.0.0_best_int`: the latter is 15% faster and half the memory, but measured here its
// confidences are far worse calibrated (a correct 总计 at 0.17 against 0.94), and review flags are built on
// confidence. A worker is given the model cut to the LSTM engine's parts (tesseract-data.ts), written once into a
// cache folder of this user's under the OS temporary directory; where that folder cannot be had (a read-only file
// system, a file or another user's folder in its place) the packaged file is given as it is: the same readings, more
// memory (a process of two text workers and one digit worker: 1082 MiB against 797, measured), and one warning.
import { createHash, randomUUID } from 'node:crypto';
import { lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LSTM_CUT, LSTM_MODEL_SLOT, componentsOf, lstmOnly } from './tesseract-data';

/** tesseract.js's `langPath` and `gzip` for one model. */
export interface ModelSource {
  langPath: string;
  gzip: boolean;
}

/** The model for `lang` from the npm package `pkg` (its `4.0.0` folder), cut to the LSTM engine where it can be. */
export async function modelSource(pkg: string, lang: string, cacheRoot = defaultCacheRoot()): Promise<ModelSource> {
  const manifest = require.resolve(`${pkg}/package.json`);
  const packagedDir = path.join(path.dirname(manifest), '4.0.0');
  // A published package version never changes: its name and version name the file, which is read only to be cut.
  const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
  try {
    return {
      langPath: await cutModelDir(
        `${pkg}@${version}`,
        path.join(packagedDir, `${lang}.traineddata.gz`),
        lang,
        cacheRoot,
      ),
      gzip: false,
    };
  } catch (error) {
    warnOnce(
      `Tesseract's models cannot be cached under ${cacheRoot} (${error instanceof Error ? error.message : String(error)}): ` +
        'each worker loads the whole packaged model instead, which reads the same but takes more memory (about 285 MB ' +
        "more for two text workers and one digit worker). Make that path a folder of this user's, or set TMPDIR to " +
        'another place this user may write.',
    );
    return { langPath: packagedDir, gzip: true };
  }
}

let warned = false;

/** One warning a process, whichever model met the problem first: the cause is the folder's, the same for each. */
function warnOnce(message: string): void {
  if (!warned) {
    warned = true;
    process.emitWarning(message, { code: 'DOCPIPE_TESSDATA_CACHE' });
  }
}

/** A folder of this user's alone: another user could otherwise plant a model in a shared temporary directory. */
export function defaultCacheRoot(): string {
  return path.join(os.tmpdir(), `docpipe-tessdata-${process.getuid?.() ?? os.userInfo().username}`);
}

/** The folder holding `<lang>.traineddata` cut from the file `packaged` (of `release`), written there first if it is not
 * there whole. */
async function cutModelDir(release: string, packaged: string, lang: string, cacheRoot: string): Promise<string> {
  const existing = await lstat(cacheRoot).catch(() => null);
  if (existing === null) {
    await mkdir(cacheRoot, { recursive: true, mode: 0o700 });
  }
  const root = existing ?? (await lstat(cacheRoot));
  if (!root.isDirectory() || (process.getuid !== undefined && root.uid !== process.getuid())) {
    throw new Error(`${cacheRoot} is not a folder of this user's`);
  }
  // Named by what it was cut from and how: another package version or another cut is another folder.
  const dir = path.join(cacheRoot, createHash('sha256').update(release).update(LSTM_CUT).digest('hex').slice(0, 16));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${lang}.traineddata`);
  if (!(await holdsLstmModel(file))) {
    // Written under a name of its own and renamed, so that a process starting beside this one never reads half a
    // file; what a failed write leaves is removed.
    const partial = `${file}.${randomUUID()}`;
    try {
      await writeFile(partial, lstmOnly(gunzipSync(await readFile(packaged))));
      await rename(partial, file);
    } finally {
      await rm(partial, { force: true });
    }
  }
  return dir;
}

/** Whether `file` is a container holding an LSTM model (one cut short before its last part, by a crash, is not). */
async function holdsLstmModel(file: string): Promise<boolean> {
  try {
    return componentsOf(await readFile(file)).some((c) => c.slot === LSTM_MODEL_SLOT);
  } catch {
    return false;
  }
}
