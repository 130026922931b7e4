// TCP stand-ins for a Redis that is unreachable, silent or lost, for the realtime store's failure tests.
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A local port that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server, 0);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server that accepts connections and never answers: a hung Redis. */
export async function startSilentServer(): Promise<{ port: number; close(): void }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  const port = await listen(server, 0);
  return {
    port,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      server.close();
    },
  };
}

/** A proxy to a real server whose connections can be cut (and new ones refused) and then restored. */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    track(client);
    track(upstream);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  const port = await listen(server, 0);
  return {
    port,
    /** Drops every connection and stops listening. */
    cut: async () => {
      sockets.forEach((socket) => socket.destroy());
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
    /** Listens again on the same port (nothing to do if it still does). */
    restore: async () => (server.listening ? port : listen(server, port)),
  };
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
