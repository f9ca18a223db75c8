// Which failures are transient (a dependency away or busy: wait, spend no attempt, answer 503) is decided in one
// place. FerretDB's own InternalError for its PostgreSQL being away was not recognised: pages spent their four
// attempts in three seconds while the database behind FerretDB restarted.
import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { BrokerUnavailableError, PermanentError, TransientError } from '../../shared/errors/errors';
import { transientOf } from '../../shared/runtime/transient';

const serverError = (code: number, errmsg: string) => new MongoServerError({ ok: 0, code, errmsg });

describe('transientOf', () => {
  it('knows FerretDB answering that its PostgreSQL is away, as measured on FerretDB 1.24', () => {
    for (const errmsg of [
      '[msg_insert.go:168 handler.(*Handler).MsgInsert] failed to connect to `user=postgres database=ferretdb`:\n\t127.0.0.1:5432 (127.0.0.1): dial error: dial tcp 127.0.0.1:5432: connect: connection refused',
      '[msg_find.go:344 handler.handleMaxTimeMSError] [collection.go:109 postgresql.(*collection).Query] write failed: write tcp 127.0.0.1:51254->127.0.0.1:5432: write: connection reset by peer',
      'FATAL: terminating connection due to administrator command (SQLSTATE 57P01)',
      'FATAL: the database system is shutting down (SQLSTATE 57P03)',
    ]) {
      expect(transientOf(serverError(1, errmsg))?.dependency).toBe('database');
    }
  });

  it('knows the database unreachable, and a MongoDB server that cannot serve for now', () => {
    expect(transientOf(new MongoNetworkError('connection reset'))?.dependency).toBe('database');
    expect(
      transientOf(new MongoServerSelectionError('server selection timed out', { error: undefined } as never))
        ?.dependency,
    ).toBe('database');
    expect(transientOf(serverError(91, 'The server is in quiesce mode and will shut down'))?.dependency).toBe(
      'database',
    );
    expect(transientOf(serverError(10107, 'not primary'))?.dependency).toBe('database');
    // Wrapped by whoever met it.
    expect(
      transientOf(new Error('could not store the page', { cause: new MongoNetworkError('reset') }))?.dependency,
    ).toBe('database');
  });

  it('knows the broker away and a report held by another writer', () => {
    expect(transientOf(new BrokerUnavailableError())?.dependency).toBe('broker');
    expect(
      transientOf(new TransientError('the report of d is being written by another writer', 'report'))?.dependency,
    ).toBe('report');
  });

  it("leaves the request's own failures alone", () => {
    expect(transientOf(serverError(11000, 'E11000 duplicate key error collection: db.files.chunks'))).toBeUndefined();
    expect(transientOf(serverError(1, 'invalid key: $where'))).toBeUndefined();
    expect(transientOf(serverError(2, 'BadValue: connection refused in a field value'))).toBeUndefined();
    expect(transientOf(new PermanentError('not a PDF'))).toBeUndefined();
    expect(transientOf(new Error('Tesseract failed'))).toBeUndefined();
  });
});
