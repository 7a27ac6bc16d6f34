// A TCP proxy the end-to-end tests put between the app and PostgreSQL, so that a test can take
// the database away (and give it back) without touching the database server, which others use.
//   cut("refuse"): live connections are destroyed and new ones are accepted and closed at once,
//                  as when the server restarts;
//   cut("hold"):   live connections are destroyed and new ones are accepted but get no answer,
//                  as in a network partition (the caller must time out by itself);
//   restore():     new connections go through again, and held ones are connected upstream.
import net from "node:net";

export type TcpProxy = {
  port: number;
  cut: (mode?: "refuse" | "hold") => void;
  restore: () => void;
  /** Connections accepted, refused and held so far; held ones still waiting; connections open. */
  stats: () => { accepted: number; refused: number; held: number; waiting: number; live: number };
  close: () => Promise<void>;
};

export async function startTcpProxy(options: {
  port: number;
  targetHost: string;
  targetPort: number;
  host?: string;
}): Promise<TcpProxy> {
  let mode: "open" | "refuse" | "hold" = "open";
  const live = new Set<net.Socket>(); // both ends of every connection in use
  const held: net.Socket[] = [];
  const counts = { accepted: 0, refused: 0, held: 0 };

  const connect = (client: net.Socket) => {
    const upstream = net.connect(options.targetPort, options.targetHost);
    live.add(client);
    live.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      live.delete(client);
      live.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
    // A client held during an outage may have sent its startup packet already: pipe() forwards
    // whatever it buffered, since the stream was paused until now.
    client.resume();
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    counts.accepted++;
    if (mode === "refuse") {
      counts.refused++;
      client.destroy();
      return;
    }
    if (mode === "hold") {
      counts.held++;
      client.on("error", () => client.destroy());
      client.on("close", () => held.splice(held.indexOf(client) >>> 0, 1));
      held.push(client);
      return;
    }
    connect(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });

  return {
    port: options.port,
    cut(how = "refuse") {
      mode = how;
      for (const socket of live) socket.destroy();
      live.clear();
    },
    restore() {
      mode = "open";
      for (const client of held.splice(0)) if (!client.destroyed) connect(client);
    },
    stats: () => ({ ...counts, waiting: held.length, live: live.size / 2 }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of [...live, ...held]) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
