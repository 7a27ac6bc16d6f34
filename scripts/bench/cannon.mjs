// The load generator of one cell, in a process of its own (forked by load.mjs's cannon()).
//
// Signing and encrypting a vendor call costs the client CPU, and autocannon times a request from
// the moment it is written: run inside the bench's own process, beside its bookkeeping, the
// generator's pauses showed up as seconds of p99 at 64 connections that no server-side timing
// saw. Here the requests are built before the clock starts (their timestamps a few seconds old
// at most, well inside every vendor's window), and autocannon only sends them.
import autocannon from "autocannon";
import { generators } from "./requests.mjs";

// Requests built per second of the cell: above any rate this machine reaches; past it, the
// generator builds the rest on the fly.
const PER_SECOND = 1500;

process.once("message", ({ base, kind, setup, customers, start, connections, seconds }) => {
  const gen = generators(setup, customers, start)[kind];
  const ready = Array.from({ length: PER_SECOND * seconds }, () => gen.next());
  let sent = 0;
  const url = new URL(base);
  // Each connection's later answers apart: Node.js (libuv ≥ 1.45) accepts one connection per turn
  // of a busy event loop, so the cell's 64 connections, opened at once, are taken in one by one
  // and their first requests wait for it. The later ones show what an open connection waits.
  const answered = new Map();
  const later = [];
  const instance = autocannon(
    {
      url: base,
      connections,
      duration: seconds,
      timeout: 30,
      requests: [
        {
          setupRequest: (reqData) => ({
            ...reqData,
            ...(sent < ready.length ? ready[sent++] : gen.next()),
            host: url.host,
          }),
        },
      ],
    },
    (error, r) => {
      if (error) process.send({ error: error.message });
      else
        process.send({
          result: {
            requests: { total: r.requests.total },
            duration: r.duration,
            latency: { p50: r.latency.p50, p99: r.latency.p99, p99Open: percentile(later, 0.99) },
            non2xx: r.non2xx,
            errors: r.errors,
            timeouts: r.timeouts,
            statusCodeStats: r.statusCodeStats,
          },
        });
      process.disconnect();
    },
  );
  instance.on("response", (client, status, _bytes, ms) => {
    const n = (answered.get(client) ?? 0) + 1;
    answered.set(client, n);
    if (n > 1 && status >= 200 && status < 300) later.push(ms);
  });
});

function percentile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]);
}
