// The production compose file, parsed by Debian's docker-compose (no engine needed): it is valid, has no
// default broker or admin password, and publishes the broker's management UI to this host only.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.join(__dirname, '../..');
const config = (env: Record<string, string>) =>
  run('docker-compose', ['config'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });

/** Each service's block of `docker-compose config`'s output, by name. */
function serviceBlocks(yaml: string): Map<string, string> {
  const start = yaml.search(/^services:$/m);
  const rest = yaml.slice(start + 'services:'.length);
  // The section ends at the next top-level key (version, volumes, ...).
  const end = rest.search(/\n\S/);
  const services = end < 0 ? rest : rest.slice(0, end);
  const blocks = new Map<string, string>();
  for (const part of services.split(/\n(?=  [a-z][\w-]*:\n)/).slice(1)) {
    blocks.set(/^ {2}([a-z][\w-]*):/.exec(part)?.[1] ?? '', part);
  }
  return blocks;
}

describe('docker-compose.yml', () => {
  it('is valid, and takes the broker password from the environment only', async () => {
    const { stdout } = await config({ RABBITMQ_PASSWORD: 's3cret-from-env', DOCPIPE_ADMIN_PASSWORD: 'admin-s3cret' });
    expect(stdout).toContain('amqp://docpipe:s3cret-from-env@rabbitmq:5672');
    expect(stdout).not.toMatch(/docpipe:docpipe|guest:guest/);
    expect(stdout).toMatch(/127\.0\.0\.1:15672:15672|host_ip: 127\.0\.0\.1/);
  });

  it('refuses to run without a broker password or a first admin password', async () => {
    await expect(config({ DOCPIPE_ADMIN_PASSWORD: 'admin-s3cret' })).rejects.toMatchObject({
      stderr: expect.stringContaining('set RABBITMQ_PASSWORD'),
    });
    await expect(config({ RABBITMQ_PASSWORD: 's3cret-from-env' })).rejects.toMatchObject({
      stderr: expect.stringContaining('set DOCPIPE_ADMIN_PASSWORD'),
    });
  });

  it('gives the upload service its first admin from the environment', async () => {
    const { stdout } = await config({
      RABBITMQ_PASSWORD: 's3cret-from-env',
      DOCPIPE_ADMIN_PASSWORD: 'admin-s3cret',
      DOCPIPE_ADMIN_USER: 'ada',
    });
    expect(stdout).toMatch(/DOCPIPE_ADMIN_USER: ada/);
    expect(stdout).toMatch(/DOCPIPE_ADMIN_PASSWORD: admin-s3cret/);
  });

  it('gives every service a health check and a stop grace period past SHUTDOWN_TIMEOUT_MS, and MongoDB as a replica set', async () => {
    const { stdout } = await config({ RABBITMQ_PASSWORD: 's3cret-from-env', DOCPIPE_ADMIN_PASSWORD: 'admin-s3cret' });
    const blocks = serviceBlocks(stdout);
    for (const name of ['upload', 'ocr', 'table-extraction', 'normalisation']) {
      const block = blocks.get(name) ?? '';
      expect({ name, healthcheck: /readyz/.test(block), grace: /stop_grace_period: (\d+)s/.exec(block)?.[1] }).toEqual({
        name,
        healthcheck: true,
        grace: expect.stringMatching(/^\d+$/),
      });
      // SHUTDOWN_TIMEOUT_MS is 30 s by default: the container must be given longer before it is killed.
      expect(Number(/stop_grace_period: (\d+)s/.exec(block)?.[1])).toBeGreaterThan(30);
      expect(block).toContain('MONGODB_URL: mongodb://mongo:27017/?replicaSet=rs0');
    }
    expect(blocks.get('mongo')).toMatch(/--replSet[\s\S]*rs0/);
  });

  it('builds images that run as a non-root user', () => {
    const dockerfile = readFileSync(path.join(root, 'deploy/Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/^USER node$/m);
    expect(dockerfile.slice(dockerfile.lastIndexOf('USER'))).not.toMatch(/^USER root$/m);
  });
});
