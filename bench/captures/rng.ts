// A seeded pseudo-random generator: a capture is re-rendered exactly from its printed seed, on any machine
// (Math.random cannot be seeded).

// Math's functions taken once: under jest a global looked up in a per-pixel loop goes through the test's context
// and costs about 100 times more (360,000 Math.imul calls: 228 ms against 2 ms aliased, measured).
const { cos, floor, imul, log, sqrt } = Math;

/** Draws from one seeded stream. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** An integer in [low, high], both included. */
  int(low: number, high: number): number;
  /** Standard normal (mean 0, deviation 1). */
  normal(): number;
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A fresh independent stream, named so that adding a draw to one stream does not shift another's. */
  fork(label: string): Rng;
}

// mulberry32 (Tommy Ettinger's 32-bit generator): one integer of state, fast, and its low-quality corners
// (short periods on 2^32 states) do not matter for picking a few hundred parameters and noise pixels.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: turns a seed and a label into the seed of a forked stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h = imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/** A stream for `seed`; the same seed always gives the same draws. */
export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (low, high) => low + floor((high - low + 1) * next()),
    normal: () => {
      // Box-Muller; 1 - next() is never 0, so the logarithm is finite.
      const u = 1 - next();
      return sqrt(-2 * log(u)) * cos(2 * Math.PI * next());
    },
    pick: (items) => items[floor(items.length * next())],
    chance: (p) => next() < p,
    fork: (label) => createRng(hash(`${seed}:${label}`)),
  };
}
