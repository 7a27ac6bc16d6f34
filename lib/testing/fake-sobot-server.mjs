#!/usr/bin/env node
// A stand-in for Sobot's open platform, run as its own process by the tests: get_token (with a
// real sign check) and the rule-engine trigger. It records what arrives, and can be told to
// misbehave through /__control. Prints "listening <port>" once ready.
import crypto from "node:crypto";
import http from "node:http";

const APPID = process.env.FAKE_SOBOT_APPID ?? "test-app";
const APP_KEY = process.env.FAKE_SOBOT_APP_KEY ?? "test-app-key";

const state = {
  tokenRequests: 0,
  expiresIn: 86400,
  current: null, // the one valid token: asking again replaces it, like Sobot
  triggers: [], // { at, triggerId, token, secret, body }
  perSecond: {}, // triggerId -> { unix second -> trigger requests that arrived in it }
  failNext: [], // queue of { status, body } answers for the next trigger requests
  secrets: {}, // triggerId -> secret expected
  tokenDelayMs: 0, // answer get_token this much later (to widen races between callers)
};

const send = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://fake");
  let raw = "";
  req.on("data", (c) => (raw += c));
  req.on("end", () => {
    if (url.pathname === "/__stats") return send(res, 200, { ...state, current: state.current });
    if (url.pathname === "/__control") {
      const body = raw ? JSON.parse(raw) : {};
      if (body.expiresIn !== undefined) state.expiresIn = body.expiresIn;
      if (body.invalidateToken) state.current = null;
      if (body.failNext) state.failNext.push(...body.failNext);
      if (body.secrets) Object.assign(state.secrets, body.secrets);
      if (body.reset)
        Object.assign(state, {
          tokenRequests: 0,
          triggers: [],
          perSecond: {},
          failNext: [],
          current: null,
          expiresIn: 86400,
          tokenDelayMs: 0,
        });
      if (body.tokenDelayMs !== undefined) state.tokenDelayMs = body.tokenDelayMs;
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/api/get_token") {
      state.tokenRequests++;
      const appid = url.searchParams.get("appid");
      const time = url.searchParams.get("create_time") ?? "";
      const sign = crypto.createHash("md5").update(`${appid}${time}${APP_KEY}`).digest("hex");
      if (appid !== APPID)
        return send(res, 200, { ret_code: "900004", ret_msg: "company api configuration info not found" });
      if (url.searchParams.get("sign") !== sign)
        return send(res, 200, { ret_code: "900003", ret_msg: "incorrect signature" });
      const issue = () => {
        state.current = crypto.randomBytes(16).toString("hex");
        send(res, 200, {
          item: { token: state.current, expires_in: String(state.expiresIn) },
          ret_code: "000000",
          ret_msg: "success",
        });
      };
      return state.tokenDelayMs > 0 ? void setTimeout(issue, state.tokenDelayMs) : issue();
    }
    if (url.pathname === "/logi-flow/webhook/trigger" && req.method === "POST") {
      const triggerId = req.headers["trigger-id"];
      const token = req.headers.token;
      const at = Date.now();
      state.triggers.push({ at, triggerId, token, body: raw });
      state.perSecond[triggerId] = state.perSecond[triggerId] ?? {};
      const seconds = state.perSecond[triggerId];
      const second = Math.floor(at / 1000);
      seconds[second] = (seconds[second] ?? 0) + 1;
      const forced = state.failNext.shift();
      if (forced) return send(res, forced.status ?? 200, forced.body ?? {});
      if (!triggerId || !token) return send(res, 400, { ret_code: "910021" });
      if (!state.current) return send(res, 200, { ret_code: "900001" });
      if (token !== state.current) return send(res, 200, { ret_code: "900002" });
      if (state.secrets[triggerId] && state.secrets[triggerId] !== req.headers.secret)
        return send(res, 400, { ret_code: "910022" });
      return send(res, 200, { ret_code: "000000" });
    }
    send(res, 404, { error: "not found" });
  });
});

// A test drives this server between blocking steps (a CLI run waits synchronously for seconds): an
// idle connection closed here meanwhile fails the test's next request on that socket ("other side
// closed"). Idle connections stay open for as long as a test lasts.
server.keepAliveTimeout = 120_000;
server.listen(Number(process.env.FAKE_SOBOT_PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening ${server.address().port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
