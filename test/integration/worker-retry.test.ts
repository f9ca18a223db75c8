// A worker's consumers each retry by their own stage's policy, as set through the configuration: two queues of one
// worker, their attempts set apart from each other and from the value for every stage, a handler that always fails;
// each message is dead-lettered after exactly its own queue's attempts.
import { queues } from '../../shared/broker/topology';
import { envelope } from '../../shared/contracts/messages';
import { RetryableError } from '../../shared/errors/errors';
import { RunningWorker, consumer, startWorker } from '../../shared/runtime/worker';
import { dropNamespace, queueDepth } from '../../harness/namespace';
import { eventually, testConfig } from '../support/namespace';

// Neither stage at the value for every stage (3), nor at its default (5 for both): a consumer given any policy but
// its own tries a different number of times.
const config = testConfig({ MAX_ATTEMPTS: 3, SPLIT_MAX_ATTEMPTS: 2, ASSEMBLE_MAX_ATTEMPTS: 4 });
let worker: RunningWorker;
const tries = new Map<string, number>();
const givenUp = new Map<string, number>();

const alwaysFails = async (messageId: string) => {
  tries.set(messageId, (tries.get(messageId) ?? 0) + 1);
  throw new RetryableError('fails every time');
};
const recordGiveUp = async (messageId: string) => {
  givenUp.set(messageId, tries.get(messageId) ?? 0);
};

beforeAll(async () => {
  worker = await startWorker(
    'retry-test',
    async () => ({
      consumers: [
        consumer({
          spec: queues.split,
          type: 'upload.document.received',
          handle: (m) => alwaysFails(m.messageId),
          onGiveUp: (m) => recordGiveUp(m.messageId),
        }),
        consumer({
          spec: queues.assemble,
          type: 'tables.document.extracted',
          handle: (m) => alwaysFails(m.messageId),
          onGiveUp: (m) => recordGiveUp(m.messageId),
        }),
      ],
    }),
    config,
  );
});

afterAll(async () => {
  await worker?.stop();
  await dropNamespace(config);
});

it("dead-letters each consumer's failing message after exactly its own stage's attempts", async () => {
  const { broker } = worker.context;
  await broker.publish(envelope('upload.document.received', { documentId: 'd', pages: 1 }, 'split-fails'));
  await broker.publish(envelope('tables.document.extracted', { documentId: 'd' }, 'assemble-fails'));
  for (const spec of [queues.split, queues.assemble]) {
    await eventually(
      async () => ((await queueDepth(config, spec)).dead === 1 ? true : undefined),
      20000,
      `the dead letter of ${spec.name}`,
    );
  }
  expect(Object.fromEntries(givenUp)).toEqual({ 'split-fails': 2, 'assemble-fails': 4 });
  // Dead-lettered, so tried no more.
  await eventually(async () => (broker.handling === 0 ? true : undefined), 5000, 'the last ack');
  expect(Object.fromEntries(tries)).toEqual({ 'split-fails': 2, 'assemble-fails': 4 });
});
