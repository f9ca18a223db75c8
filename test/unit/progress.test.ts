// The batch progress: bars on a terminal (cli-progress), plain lines elsewhere.
import { PassThrough } from 'node:stream';
import { batchProgress } from '../../cli/progress';

const captured = (tty: boolean) => {
  const stream = Object.assign(new PassThrough(), {
    isTTY: tty,
    columns: 160,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
};

it('draws a bar per document on a terminal, with pages read and tables read', () => {
  const out = captured(true);
  const progress = batchProgress(['one.pdf', 'two.pdf'], out.stream);
  progress.stage('one.pdf', 'read', 1, 2);
  progress.stage('one.pdf', 'read', 2, 2);
  progress.stage('one.pdf', 'tables', 1, 2);
  progress.finished('two.pdf', 'failed');
  progress.stop();
  expect(out.text()).toMatch(/one\.pdf \[[^\]]*\] 1\/2 pages \| read 2 · tables 1 \| reading/);
  expect(out.text()).toMatch(/two\.pdf .*\| failed/);
});

it('writes plain lines when not on a terminal', () => {
  const out = captured(false);
  const progress = batchProgress(['one.pdf'], out.stream);
  progress.stage('one.pdf', 'read', 1, 2);
  progress.finished('one.pdf', 'done');
  progress.stop();
  expect(out.text()).toBe('one.pdf: page read 1/2\none.pdf: done\n');
});
