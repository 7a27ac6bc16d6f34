// What a prepared-statement runner does, whichever database it serves (lib/db/prepared).
import type { Prisma } from "@/lib/generated/sqlite/client";

type Sql = Prisma.Sql;

export interface Runner {
  /** SQLite: a per-connection setting for the runner's connection, now and when it reopens. */
  pragma?(setting: string): void;
  rows<T>(query: Sql): Promise<T[]>;
  /** Runs the statements in one transaction; returns the first one's rows. */
  together<T>(first: Sql, rest: Sql[]): Promise<T[]>;
  /** As `together`, for statements that do not read each other's writes. */
  atOnce<T>(first: Sql, rest: Sql[]): Promise<T[]>;
  /** PostgreSQL: session-level advisory locks on a connection of their own (lib/db/locks). */
  hold?(keys: string[]): Promise<HeldLocks>;
  /** PostgreSQL: the configuration's change notices' generation, null while not listening (lib/db/change-notices). */
  configurationChanges?(): string | null;
  close(): Promise<void>;
}

/** Advisory locks held on one connection until released (or until that connection ends). */
export interface HeldLocks {
  /** Takes one more key, waiting for whoever holds it. */
  add(key: string): Promise<void>;
  release(): Promise<void>;
}

/** How long a push waits for a key another instance holds before it fails (and Sobot retries it). */
export const LOCK_WAIT_MS = 10_000;
