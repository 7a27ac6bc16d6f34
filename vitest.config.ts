import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside Next.js the "server-only" guard has nothing to guard.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/empty.ts"),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts"],
          exclude: ["lib/**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["lib/testing/compile-cli.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two files at a time: each file owns its databases (and data directories), and most of
          // a file's time is a CLI process or a database waiting, so two overlap on two cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
