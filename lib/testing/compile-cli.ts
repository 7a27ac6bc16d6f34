// Vitest's global setup for the integration tests: they run the CLI as a process several hundred
// times, so it is compiled once first (scripts/build-cli.mjs), as `npm run build` does.
import { buildCli } from "../../scripts/build-cli.mjs";

export default async function setup() {
  await buildCli();
}
