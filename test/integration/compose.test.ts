// The production compose file, parsed by Debian's docker-compose (no engine needed): it is valid, has no
// default broker or admin password, and publishes the broker's management UI to this host only.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.join(__dirname, '../..');
const config = (env: Record<string, string>) => run('docker-compose', ['config'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });

describe('docker-compose.yml', () => {
  it('is valid, and takes the broker password from the environment only', async () => {
    const { stdout } = await config({ RABBITMQ_PASSWORD: 's3cret-from-env', DOCPIPE_ADMIN_PASSWORD: 'admin-s3cret' });
    expect(stdout).toContain('amqp://docpipe:s3cret-from-env@rabbitmq:5672');
    expect(stdout).not.toMatch(/docpipe:docpipe|guest:guest/);
    expect(stdout).toMatch(/127\.0\.0\.1:15672:15672|host_ip: 127\.0\.0\.1/);
  });

  it('refuses to run without a broker password or a first admin password', async () => {
    await expect(config({ DOCPIPE_ADMIN_PASSWORD: 'admin-s3cret' })).rejects.toMatchObject({ stderr: expect.stringContaining('set RABBITMQ_PASSWORD') });
    await expect(config({ RABBITMQ_PASSWORD: 's3cret-from-env' })).rejects.toMatchObject({ stderr: expect.stringContaining('set DOCPIPE_ADMIN_PASSWORD') });
  });

  it('gives the upload service its first admin from the environment', async () => {
    const { stdout } = await config({ RABBITMQ_PASSWORD: 's3cret-from-env', DOCPIPE_ADMIN_PASSWORD: 'admin-s3cret', DOCPIPE_ADMIN_USER: 'ada' });
    expect(stdout).toMatch(/DOCPIPE_ADMIN_USER: ada/);
    expect(stdout).toMatch(/DOCPIPE_ADMIN_PASSWORD: admin-s3cret/);
  });
});
