// Where a page's CPU goes: steps named by the code that runs them, each charged the process's CPU time (user and
// system, every thread: Tesseract's workers and libvips's included) and wall time spent inside it and not inside a
// step nested in it. The charges are right only when one step runs at a time: a profiled conversion reads one page
// at a time with one Tesseract worker (bench/profile.ts). The services and `docpipe convert` run with no profile.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { OcrMode, OcrPool, OcrResult } from '../adapters/tesseract.adapter';
import type { Raster } from '../adapters/raster';

export interface StepTotals {
  /** The step's path: its name after those of the steps it ran inside, joined by ' > '. */
  path: string;
  calls: number;
  /** CPU and wall milliseconds inside the step itself, nested steps excluded. */
  cpuMs: number;
  wallMs: number;
}

export interface StepProfile {
  step<T>(name: string, work: () => Promise<T>): Promise<T>;
  stepSync<T>(name: string, work: () => T): T;
  /** Every step so far, the costliest in CPU first. */
  totals(): StepTotals[];
}

interface Clock {
  cpuMs: number;
  wallMs: number;
}

const now = (): Clock => {
  const { user, system } = process.cpuUsage();
  return { cpuMs: (user + system) / 1000, wallMs: performance.now() };
};

export function createStepProfile(clock: () => Clock = now): StepProfile {
  const totals = new Map<string, StepTotals>();
  // The steps running, innermost last, each with the clock when it last started being charged; and the step each
  // piece of async work runs inside, to tell a nested step from one that overlaps.
  const stack: { path: string; since: Clock }[] = [];
  const inside = new AsyncLocalStorage<string>();
  const charge = (path: string, since: Clock, at: Clock) => {
    const t = totals.get(path) ?? { path, calls: 0, cpuMs: 0, wallMs: 0 };
    t.cpuMs += at.cpuMs - since.cpuMs;
    t.wallMs += at.wallMs - since.wallMs;
    totals.set(path, t);
  };
  const enter = (name: string): string => {
    const at = clock();
    const parent = stack[stack.length - 1];
    if (parent?.path !== inside.getStore()) {
      throw new Error(
        `step profile: "${name}" began while "${parent?.path ?? 'nothing'}" was running outside it (steps overlap: profile one page at a time)`,
      );
    }
    if (parent) {
      charge(parent.path, parent.since, at);
    }
    const path = parent ? `${parent.path} > ${name}` : name;
    stack.push({ path, since: at });
    const t = totals.get(path) ?? { path, calls: 0, cpuMs: 0, wallMs: 0 };
    t.calls += 1;
    totals.set(path, t);
    return path;
  };
  const leave = (path: string) => {
    const at = clock();
    const top = stack.pop();
    if (top?.path !== path) {
      throw new Error(
        `step profile: "${path}" ended while "${top?.path ?? 'nothing'}" was running (steps overlap: profile one page at a time)`,
      );
    }
    charge(top.path, top.since, at);
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.since = at;
    }
  };
  return {
    async step(name, work) {
      const path = enter(name);
      try {
        return await inside.run(path, work);
      } finally {
        leave(path);
      }
    },
    stepSync(name, work) {
      const path = enter(name);
      try {
        return inside.run(path, work);
      } finally {
        leave(path);
      }
    },
    totals: () => [...totals.values()].sort((a, b) => b.cpuMs - a.cpuMs),
  };
}

/** Runs each step as it is, charging nothing: the services and the CLI. */
export const noProfile: StepProfile = {
  step: (_name, work) => work(),
  stepSync: (_name, work) => work(),
  totals: () => [],
};

/**
 * The pool with every reading charged to a step `tesseract <mode>` inside the step that asked for it. Readings asked
 * for together (a table's cells) are made one after another, as one worker makes them anyway, so that each is a step
 * of its own; what the asking step does meanwhile is charged to the reading.
 */
export function profiledOcr(ocr: OcrPool, profile: StepProfile): OcrPool {
  let previous: Promise<unknown> = Promise.resolve();
  return {
    recognise: (image: Raster, mode: OcrMode): Promise<OcrResult> => {
      const reading = previous.then(() => profile.step(`tesseract ${mode}`, () => ocr.recognise(image, mode)));
      previous = reading.catch(() => undefined);
      return reading;
    },
    load: () => ocr.load(),
    close: () => ocr.close(),
  };
}
