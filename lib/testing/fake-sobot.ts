// Starts lib/testing/fake-sobot-server.mjs as a separate process and talks to its control endpoints.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type FakeSobot = {
  url: string;
  stats: () => Promise<{
    tokenRequests: number;
    triggers: { at: number; triggerId: string; token: string; body: string }[];
    /** Trigger requests per trigger id and Unix second of arrival. */
    perSecond: Record<string, Record<string, number>>;
    current: string | null;
  }>;
  control: (body: Record<string, unknown>) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startFakeSobot(env: Record<string, string> = {}): Promise<FakeSobot> {
  const child: ChildProcess = spawn(process.execPath, [path.join(import.meta.dirname, "fake-sobot-server.mjs")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.stdout!.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stats: async () => (await fetch(`${url}/__stats`)).json(),
    control: async (body) => {
      await fetch(`${url}/__control`, { method: "POST", body: JSON.stringify(body) });
    },
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
