// Change notices from PostgreSQL: a connection that LISTENs on a channel the database's own triggers
// notify (migration 0017: every change to the configuration vendor calls read, from any instance,
// the CLI or plain SQL). While it listens, what was read from those tables stays valid until a
// notice arrives, so a vendor call need not read its integration, rules, templates or dictionary
// again, nor ask whether they changed.
//
// The generation says which: it moves on every notice, on every (re)connection and on every change
// this process makes itself (which applies at once, before its own notice comes back). A reader
// takes the generation before it reads and keeps what it read under it; a notice that arrives
// during the read moves the generation, so the read is not trusted afterwards. Without a listening
// connection (not yet connected, lost, the database down) there is no generation, and readers ask
// the database every time, as they would without notices.
import pg from "pg";

/** How soon a lost listening connection is tried again (calls ask the database meanwhile). */
const RETRY_MS = 1_000;

// On globalThis: the route bundles each hold a copy of this module, and a change audited by one
// (the dashboard) applies to the calls another serves; listeners are numbered across all copies.
/** Changes this process made itself, on any database: their notices are still on their way. */
const local = globalThis as { __deskbridgeLocalChanges?: number; __deskbridgeListeners?: number };
local.__deskbridgeLocalChanges ??= 0;
local.__deskbridgeListeners ??= 0;

/** Moves every generation in this process at once: call after committing a change to a watched table. */
export function noteLocalChange(): void {
  local.__deskbridgeLocalChanges! += 1;
}

const nextListener = () => {
  local.__deskbridgeListeners! += 1;
  return local.__deskbridgeListeners!;
};

export class ChangeNotices {
  // Part of every generation, so that two databases' generations never match.
  readonly #id = nextListener();
  #client: pg.Client | null = null;
  #listening = false;
  #generation = 0;
  #retryAt = 0;
  #closed = false;

  constructor(
    readonly url: string,
    readonly channel: string,
    readonly connectTimeoutMs: number,
  ) {}

  /** The current generation, or null while not listening (the caller reads from the database). */
  generation(): string | null {
    if (!this.#listening) {
      this.#listen();
      return null;
    }
    return `${this.#id}.${this.#generation}.${local.__deskbridgeLocalChanges}`;
  }

  #listen() {
    if (this.#client || this.#closed || Date.now() < this.#retryAt) return;
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: this.connectTimeoutMs,
      keepAlive: true,
    });
    this.#client = client;
    const lost = () => {
      if (this.#client !== client) return;
      this.#client = null;
      this.#listening = false;
      this.#generation++;
      this.#retryAt = Date.now() + RETRY_MS;
      client.end().catch(() => undefined);
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", () => {
      this.#generation++;
    });
    client
      .connect()
      .then(() => client.query(`LISTEN "${this.channel}"`))
      .then(() => {
        if (this.#client !== client) return;
        // Whatever was read before now may predate a change whose notice this connection missed.
        this.#generation++;
        this.#listening = true;
        // Listening alone does not keep a process (the CLI) alive.
        (client as pg.Client & { unref(): void }).unref();
      })
      .catch(lost);
  }

  async close() {
    this.#closed = true;
    this.#listening = false;
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }
}
