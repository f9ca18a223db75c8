import { createStepProfile, noProfile, profiledOcr } from '../../shared/runtime/step-profile';
import { scriptedOcr } from '../support/no-ocr';

/** A clock the test moves by hand: CPU and wall advance together unless told otherwise. */
function manualClock() {
  const at = { cpuMs: 0, wallMs: 0 };
  return {
    clock: () => ({ ...at }),
    spend: (cpuMs: number, wallMs = cpuMs) => {
      at.cpuMs += cpuMs;
      at.wallMs += wallMs;
    },
  };
}

describe('step profile', () => {
  it('charges each step only what runs inside it and not inside a step nested in it', async () => {
    const { clock, spend } = manualClock();
    const profile = createStepProfile(clock);
    await profile.step('page', async () => {
      spend(10);
      profile.stepSync('normalise', () => spend(30));
      await profile.step('prose', async () => {
        spend(5);
        await profile.step('tesseract text', async () => spend(100, 120));
      });
      spend(1);
    });
    await profile.step('page', async () => spend(4));
    const byPath = Object.fromEntries(profile.totals().map((t) => [t.path, t]));
    expect(byPath.page).toEqual({ path: 'page', calls: 2, cpuMs: 15, wallMs: 15 });
    expect(byPath['page > normalise']).toEqual({ path: 'page > normalise', calls: 1, cpuMs: 30, wallMs: 30 });
    expect(byPath['page > prose']).toEqual({ path: 'page > prose', calls: 1, cpuMs: 5, wallMs: 5 });
    expect(byPath['page > prose > tesseract text']).toEqual({
      path: 'page > prose > tesseract text',
      calls: 1,
      cpuMs: 100,
      wallMs: 120,
    });
    // The costliest first; the charges add up to all that was spent.
    expect(profile.totals()[0].path).toBe('page > prose > tesseract text');
    expect(profile.totals().reduce((s, t) => s + t.cpuMs, 0)).toBe(150);
  });

  it('charges a step that fails, and refuses overlapping steps rather than charging them wrongly', async () => {
    const { clock, spend } = manualClock();
    const profile = createStepProfile(clock);
    await expect(
      profile.step('render', async () => {
        spend(7);
        throw new Error('bad page');
      }),
    ).rejects.toThrow('bad page');
    expect(profile.totals()).toEqual([{ path: 'render', calls: 1, cpuMs: 7, wallMs: 7 }]);
    let release = () => {};
    const first = profile.step(
      'a',
      () =>
        new Promise<void>((r) => {
          release = r;
        }),
    );
    await expect(profile.step('b', () => Promise.resolve())).rejects.toThrow(
      /"b" began while "a" was running outside it/,
    );
    release();
    await expect(first).resolves.toBeUndefined();
  });

  it('charges Tesseract readings to the step that asked for them, by mode; no profile charges nothing', async () => {
    const { clock, spend } = manualClock();
    const profile = createStepProfile(clock);
    const ocr = scriptedOcr(async (_image, mode) => {
      spend(mode === 'text' ? 50 : 2);
      return { text: '', confidence: 1, lines: [], words: [] } as never;
    });
    const image = { width: 1, height: 1, data: new Uint8Array(1) };
    await profile.step('cells', async () => {
      await profiledOcr(ocr, profile).recognise(image, 'text');
      await profiledOcr(ocr, profile).recognise(image, 'digits');
    });
    expect(profile.totals().map((t) => [t.path, t.cpuMs])).toEqual([
      ['cells > tesseract text', 50],
      ['cells > tesseract digits', 2],
      ['cells', 0],
    ]);
    expect(await noProfile.step('x', async () => 3)).toBe(3);
    expect(noProfile.totals()).toEqual([]);
  });
});

describe('profiled OCR', () => {
  it('makes readings asked for together one after another, each a step inside the step that asked', async () => {
    const { clock, spend } = manualClock();
    const profile = createStepProfile(clock);
    const ocr = scriptedOcr(async () => {
      await new Promise((r) => setTimeout(r, 1));
      spend(10);
      return { text: '', confidence: 1, lines: [], words: [] } as never;
    });
    const image = { width: 1, height: 1, data: new Uint8Array(1) };
    const profiled = profiledOcr(ocr, profile);
    await profile.step('cells', () => Promise.all([1, 2, 3].map(() => profiled.recognise(image, 'text'))));
    expect(profile.totals()).toEqual([
      { path: 'cells > tesseract text', calls: 3, cpuMs: 30, wallMs: 30 },
      { path: 'cells', calls: 1, cpuMs: 0, wallMs: 0 },
    ]);
  });
});
