// The readiness probe's database check answers within its bound when the database is away, instead of waiting
// out the driver's server selection (a health check with a 5 s timeout saw nothing for 10 s).
import { MongoClient } from 'mongodb';
import { Database, pingDatabase } from '../../shared/store/database';

describe('pingDatabase', () => {
  it('answers false within its timeout when no database listens', async () => {
    const client = new MongoClient('mongodb://127.0.0.1:1', { serverSelectionTimeoutMS: 60000 });
    try {
      expect(await pingDatabase({ client, db: client.db('absent') } as unknown as Database, 300)).toBe(false);
    } finally {
      await client.close();
    }
  }, 5000);
});
