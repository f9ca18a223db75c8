// Ports for the servers a test starts of its own: a free one, and whether something listens on one.
import net from 'node:net';

/** A port free on 127.0.0.1 now (the OS picks it; closed again before it is returned). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Whether a TCP connection to 127.0.0.1:`port` is accepted. */
export const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
