// The upload service's use cases without HTTP: the retry of a document and the looks of the live-progress stream,
// over fakes of the store and the clock.
import type { DocumentRecord } from '../../shared/contracts/document';
import { InputError, NotFoundError } from '../../shared/errors/errors';
import {
  EVENTS_HEARTBEAT_MS,
  EVENTS_LOOKBACK_MS,
  progressLooks,
  streamProgress,
} from '../../services/upload/src/use-cases/live-progress';
import { RetryDeps, retryDocument } from '../../services/upload/src/use-cases/retry-document';
import { memoryLogger } from '../support/memory-logger';

function documentRecord(given: Partial<DocumentRecord> = {}): DocumentRecord {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    _id: 'doc',
    filename: 'r.pdf',
    sha256: 'f'.repeat(64),
    size: 1,
    pages: 2,
    fileId: 'doc:pdf',
    status: 'failed',
    createdAt: at,
    updatedAt: at,
    ...given,
  };
}

/** A store of one document that a reset turns to `processing`, and the announcements made. */
function retryFakes(doc: DocumentRecord | null) {
  let stored = doc;
  const announced: string[] = [];
  const { logger, lines } = memoryLogger();
  const deps: RetryDeps = {
    find: async (id) => (stored && stored._id === id ? stored : null),
    reset: async (id) => {
      if (!stored || stored._id !== id || !['failed', 'needs-attention'].includes(stored.status)) {
        return false;
      }
      stored = { ...stored, status: 'processing', failure: undefined };
      return true;
    },
    announce: async (d) => {
      announced.push(d._id);
      return true;
    },
    logger,
  };
  return { deps, announced, lines };
}

describe('retryDocument', () => {
  it('resets a failed document, announces it and answers it as it is after the reset', async () => {
    const { deps, announced, lines } = retryFakes(documentRecord({ status: 'failed', failure: 'corrupt page' }));
    const doc = await retryDocument(deps, 'doc');
    expect(doc.status).toBe('processing');
    expect(announced).toEqual(['doc']);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'document retried', documentId: 'doc', was: 'failed' }),
    );
  });

  it('refuses a document that neither failed nor needs attention with 409, announcing nothing', async () => {
    const { deps, announced } = retryFakes(documentRecord({ status: 'done' }));
    const refused = retryDocument(deps, 'doc');
    await expect(refused).rejects.toBeInstanceOf(InputError);
    // The code the API answers it with (409, API_CODES), with the status a message needs.
    await expect(refused).rejects.toMatchObject({
      code: 'not-retryable',
      params: { status: 'done' },
      message: expect.stringContaining('this one is done'),
    });
    expect(announced).toEqual([]);
  });

  it('answers NotFoundError for no such document', async () => {
    const { deps } = retryFakes(null);
    await expect(retryDocument(deps, 'nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('progressLooks', () => {
  /** A stream over a clock the test moves and views it sets; what the stream sent, and the moments looked from. */
  function stream() {
    let clock = 1_000_000;
    let views: { id: string; status: string }[] = [];
    let failing = false;
    const asked: number[] = [];
    const out: string[] = [];
    const look = progressLooks(
      {
        changedViews: async (since) => {
          asked.push(since.getTime());
          if (failing) {
            throw new Error('database away');
          }
          return views;
        },
        logger: memoryLogger().logger,
        now: () => clock,
      },
      { document: (data) => out.push(`document ${data}`), comment: (text) => out.push(`: ${text}`) },
    );
    return {
      look,
      out,
      asked,
      advance: (ms: number) => (clock += ms),
      set: (v: typeof views) => (views = v),
      fail: (f: boolean) => (failing = f),
      start: 1_000_000,
    };
  }

  it('sends a view once, again only when it changes, and reaches back from the last look', async () => {
    const s = stream();
    s.set([{ id: 'a', status: 'processing' }]);
    s.advance(1000);
    await s.look();
    s.advance(1000);
    await s.look();
    s.set([{ id: 'a', status: 'done' }]);
    s.advance(1000);
    await s.look();
    expect(s.out).toEqual(['document {"id":"a","status":"processing"}', 'document {"id":"a","status":"done"}']);
    expect(s.asked).toEqual([s.start, s.start + 1000, s.start + 2000].map((t) => t - EVENTS_LOOKBACK_MS));
  });

  it('makes a failed look again from the same moment', async () => {
    const s = stream();
    s.fail(true);
    s.advance(1000);
    await expect(s.look()).rejects.toThrow('database away');
    s.fail(false);
    s.advance(1000);
    await s.look();
    expect(s.asked).toEqual([s.start - EVENTS_LOOKBACK_MS, s.start - EVENTS_LOOKBACK_MS]);
  });

  it('sends a comment after EVENTS_HEARTBEAT_MS without a write, and forgets a view out of every look’s reach', async () => {
    const s = stream();
    s.set([{ id: 'a', status: 'done' }]);
    await s.look();
    s.advance(EVENTS_HEARTBEAT_MS + 1);
    await s.look();
    expect(s.out).toEqual(['document {"id":"a","status":"done"}', ': still here']);
    // Sent at the start; forgotten once older than twice the reach, then sent again if a look returns it.
    s.advance(2 * EVENTS_LOOKBACK_MS);
    await s.look();
    await s.look();
    expect(s.out.filter((l) => l.startsWith('document'))).toHaveLength(2);
  });
});

describe('streamProgress', () => {
  it('stops looking once its signal aborts', async () => {
    jest.useFakeTimers();
    try {
      let looks = 0;
      const until = new AbortController();
      streamProgress(
        {
          changedViews: async () => {
            looks += 1;
            return [];
          },
          logger: memoryLogger().logger,
        },
        { document: () => undefined, comment: () => undefined },
        until.signal,
      );
      await jest.advanceTimersByTimeAsync(3500);
      expect(looks).toBe(3);
      until.abort();
      await jest.advanceTimersByTimeAsync(5000);
      expect(looks).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
