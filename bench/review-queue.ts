// `npm run bench:queue`: the review queue's first page with 100 000 pending fields (720 documents of 139 flagged
// fields, the size of the 2019 template's tables) seeded in a scratch database, asked for over HTTP as the queue
// page asks (limit 50) and filtered; prints the median and the slowest of QUEUE_TIMES tries. The target is
// under 300 ms for the first page.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../shared/config/config';
import { connectDatabase } from '../shared/store/database';
import { startUploadService } from '../services/upload/src/service';
import { STACK_ADMIN, adminBasic, apiKeyOf } from '../harness/credentials';
import { dropNamespace } from '../harness/namespace';
import { pendingQueue } from '../harness/corpus';

const DOCUMENTS = 720;
const FIELDS_EACH = 139;
const TIMES = Number(process.env.QUEUE_TIMES ?? 20);

async function main(): Promise<void> {
  const id = randomUUID().slice(0, 8);
  const config = {
    ...loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...STACK_ADMIN }),
    QUEUE_PREFIX: `queue-${id}`,
    MONGODB_DB: `queue_${id}`,
    HTTP_PORT: 0,
  };
  const database = await connectDatabase(config.MONGODB_URL, config.MONGODB_DB);
  const upload = await startUploadService(config);
  try {
    const seeded = Date.now();
    const { lists, summaries } = pendingQueue('bench', DOCUMENTS, FIELDS_EACH);
    for (let i = 0; i < lists.length; i += 60) {
      await database.reviewQueueFields.insertMany(lists.slice(i, i + 60));
    }
    await database.reviewQueue.insertMany(summaries);
    console.log(
      `seeded ${DOCUMENTS * FIELDS_EACH} pending fields in ${DOCUMENTS} documents (${((Date.now() - seeded) / 1000).toFixed(1)} s)`,
    );
    const api = `http://127.0.0.1:${upload.port}`;
    // An API key, as the pages' session cookie costs: HTTP Basic would add a bcrypt check (0.1 s and more) to each.
    const authorization = `Token ${await apiKeyOf(api, adminBasic())}`;
    for (const query of [
      'limit=50',
      'limit=50&offset=50000',
      'limit=50&section=applications',
      'limit=50&document=bench-123',
    ]) {
      const times: number[] = [];
      for (let i = 0; i < TIMES; i += 1) {
        const t = Date.now();
        const res = await fetch(`${api}/api/review/queue?${query}`, { headers: { Authorization: authorization } });
        await res.json();
        times.push(Date.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `GET /api/review/queue?${query}: median ${times[Math.floor(times.length / 2)]} ms, slowest ${times.at(-1)} ms (${TIMES} tries)`,
      );
    }
  } finally {
    await upload.stop();
    await database.client.close();
    await dropNamespace(config);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
