// A TCP relay in front of a real server, which a test can cut and restore: to the process behind it the server
// went away (connections reset, new ones refused) and came back on the same address.
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /**
   * Calls `action` when `pattern` passes towards the server for the `occurrence`-th time (counted over every
   * connection): that data and everything after it on that connection is held back, so the server never sees
   * it. For a fault at an exact moment, e.g. the second chunk of a GridFS file (`commandFor('insert', 'files.chunks')`).
   */
  tap(pattern: Buffer, occurrence: number, action: () => void): void;
  /** Resets every relayed connection and stops listening. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  /** Whether it relays (not cut, or restored since). */
  readonly listening: boolean;
  close(): Promise<void>;
}

export async function tcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  let watch: { pattern: Buffer; occurrence: number; seen: number; action: () => void } | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(targetPort, targetHost);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        let held = false;
        client.on('data', (data: Buffer) => {
          if (!held && watch && data.includes(watch.pattern) && (watch.seen += 1) === watch.occurrence) {
            held = true;
            const { action } = watch;
            watch = undefined;
            action();
          }
          if (!held) {
            upstream.write(data);
          }
        });
        upstream.pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const cut = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) {
      socket.resetAndDestroy();
    }
    await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
  };
  await listen();
  const tap = (pattern: Buffer, occurrence: number, action: () => void) => {
    watch = { pattern, occurrence, seen: 0, action };
  };
  return {
    get port() {
      return port;
    },
    get listening() {
      return server !== undefined;
    },
    tap,
    cut,
    restore: listen,
    close: cut,
  };
}

/** The bytes with which a MongoDB command `name` on `collection` begins (its BSON string element). */
export function commandFor(name: string, collection: string): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32LE(Buffer.byteLength(collection) + 1);
  return Buffer.concat([Buffer.from([2]), Buffer.from(`${name}\0`), length, Buffer.from(`${collection}\0`)]);
}

/** `url` with its host and port replaced by the relay's. */
export function relayed(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
}
