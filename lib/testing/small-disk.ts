// A real, small file system for tests about full disks: a tmpfs of a few megabytes, mounted for
// the test (root only, as on this project's machines and CI). Where mounting is not allowed the
// helper says why, and the test skips with that reason.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type SmallDisk = {
  dir: string;
  /** Fills the disk with a filler file, to the last byte. */
  fill: () => void;
  /** Deletes the filler: the space is free again. */
  free: () => void;
  unmount: () => void;
};

export function mountSmallDisk(megabytes: number, at?: string): SmallDisk | string {
  const dir = at ?? fs.mkdtempSync(path.join(os.tmpdir(), "deskbridge-disk-"));
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir], { stdio: "pipe" });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    const stderr = String((error as { stderr?: Buffer }).stderr ?? "").trim();
    const why = stderr || (error as Error).message;
    return `cannot mount a ${megabytes} MB tmpfs here (${why}); run as root to test a full disk`;
  }
  const filler = path.join(dir, "filler");
  return {
    dir,
    fill() {
      const fd = fs.openSync(filler, "a");
      const block = Buffer.alloc(16 * 1024);
      try {
        for (;;) fs.writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      }
      // The last partial block, byte by byte in a few steps.
      for (const size of [4096, 512, 64, 1]) {
        try {
          for (;;) fs.writeSync(fd, Buffer.alloc(size));
        } catch {}
      }
      fs.closeSync(fd);
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    unmount() {
      try {
        execFileSync("umount", ["-l", dir], { stdio: "pipe" });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
