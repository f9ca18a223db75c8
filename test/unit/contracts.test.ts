import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API_CODES } from '../../shared/contracts/api';
import { InvalidMessageError, envelope, parseEnvelope } from '../../shared/contracts/messages';
import { jittered, outageDelay, queues, retryDelay, retryDelays } from '../../shared/broker/topology';
import { loadConfig, retryPolicy } from '../../shared/config/config';

describe('message envelopes', () => {
  it('round-trips a valid message', () => {
    const message = envelope('ocr.page.requested', { documentId: 'd1', page: 3 }, 'd1:ocr:3');
    expect(parseEnvelope(Buffer.from(JSON.stringify(message)))).toEqual(message);
  });

  it('refuses an invalid payload on publish and on consume', () => {
    expect(() => envelope('ocr.page.requested', { documentId: 'd1', page: 0 })).toThrow(InvalidMessageError);
    const bad = {
      type: 'ocr.page.requested',
      version: 1,
      messageId: 'm',
      documentId: 'd1',
      payload: { documentId: 'd1' },
    };
    expect(() => parseEnvelope(Buffer.from(JSON.stringify(bad)))).toThrow(/invalid ocr.page.requested payload/);
    expect(() => parseEnvelope(Buffer.from('not json'))).toThrow(/not JSON/);
    expect(() => parseEnvelope(Buffer.from(JSON.stringify({ ...bad, type: 'nope' })))).toThrow(/invalid envelope/);
  });
});

describe('retry policy', () => {
  const policy = { maxAttempts: 6, baseMs: 1000, maxMs: 5000, outageBudgetMs: 900_000 };
  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelay(policy, a))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(retryDelays(policy)).toEqual([1000, 2000, 4000, 5000]);
  });
  it('waits out an outage from the base, doubling up to the cap, with a delay queue for every step', () => {
    const defaults = { maxAttempts: 4, baseMs: 1000, maxMs: 30000, outageBudgetMs: 900_000 };
    expect([0, 1, 2, 3, 4, 5, 9].map((w) => outageDelay(defaults, w))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(retryDelays(defaults)).toEqual([1000, 2000, 4000, 8000, 16000, 30000]);
  });
  it('spreads an outage wait over its last fifth, never past its delay queue', () => {
    expect(jittered(30000, () => 0)).toBe(24000);
    expect(jittered(30000, () => 1)).toBe(30000);
  });
});

describe('configuration', () => {
  it('has defaults a newcomer can run with', () => {
    const config = loadConfig({});
    expect(config.AMQP_URL).toContain('127.0.0.1:5672');
    expect(config.OCR_WORKERS).toBeGreaterThanOrEqual(1);
  });

  it('fails fast naming the bad variable', () => {
    expect(() => loadConfig({ HTTP_PORT: 'eighty' })).toThrow(/HTTP_PORT/);
  });
});

describe('retry policy per stage, from the environment', () => {
  const attemptsOf = (env: NodeJS.ProcessEnv) => {
    const config = loadConfig(env);
    return Object.fromEntries(
      Object.entries(queues).map(([stage, spec]) => [stage, retryPolicy(config, spec).maxAttempts]),
    );
  };

  it('gives each stage its own default when nothing is set', () => {
    expect(attemptsOf({})).toEqual({ split: 5, recognise: 3, extract: 3, assemble: 5 });
    expect(retryPolicy(loadConfig({}), queues.recognise)).toEqual({
      maxAttempts: 3,
      baseMs: 1000,
      maxMs: 30000,
      outageBudgetMs: 900_000,
    });
  });

  it("takes a stage's own variable over the one for every stage, and that over the stage's default", () => {
    expect(attemptsOf({ RECOGNISE_MAX_ATTEMPTS: '2' })).toEqual({ split: 5, recognise: 2, extract: 3, assemble: 5 });
    expect(attemptsOf({ MAX_ATTEMPTS: '4' })).toEqual({ split: 4, recognise: 4, extract: 4, assemble: 4 });
    expect(attemptsOf({ MAX_ATTEMPTS: '4', ASSEMBLE_MAX_ATTEMPTS: '7' })).toEqual({
      split: 4,
      recognise: 4,
      extract: 4,
      assemble: 7,
    });
    const config = loadConfig({ RETRY_BASE_MS: '200', EXTRACT_RETRY_MAX_MS: '60000', OUTAGE_BUDGET_MS: '5000' });
    expect(retryPolicy(config, queues.extract)).toEqual({
      maxAttempts: 3,
      baseMs: 200,
      maxMs: 60000,
      outageBudgetMs: 5000,
    });
    expect(retryPolicy(config, queues.split)).toMatchObject({ baseMs: 200, maxMs: 30000, outageBudgetMs: 5000 });
  });

  it('fails fast naming a bad stage variable', () => {
    expect(() => loadConfig({ SPLIT_MAX_ATTEMPTS: '0' })).toThrow(/SPLIT_MAX_ATTEMPTS/);
    expect(() => loadConfig({ RECOGNISE_RETRY_BASE_MS: 'soon' })).toThrow(/RECOGNISE_RETRY_BASE_MS/);
  });
});

describe('API codes', () => {
  it("are all in the README's table, each with its status", () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const missing = Object.entries(API_CODES)
      .filter(([code, c]) => !readme.includes(`| \`${code}\` | ${c.status} |`))
      .map(([code]) => code);
    expect(missing).toEqual([]);
  });
});
