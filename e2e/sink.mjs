#!/usr/bin/env node
// A tiny HTTP server in its own process, standing for an attacker's host or an internal address:
// it records every request it receives (one JSON line each) and prints its port once listening.
//
//   node e2e/sink.mjs FILE
import fs from "node:fs";
import http from "node:http";

const file = process.argv[2];
fs.writeFileSync(file, "");
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    fs.appendFileSync(file, `${JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body })}\n`);
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("sink");
  });
});
// Written as text: console.log would colour a number when FORCE_COLOR is set (as under Playwright).
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
