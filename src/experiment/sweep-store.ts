import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ScenarioError } from "../scenario/scenario-error.js";
import type { ReplicationStore } from "./replications.js";

/** What a stored replication belongs to: the same scenario data (hash), seed and kind, or nothing. */
export interface SweepIdentity {
  readonly file: string;
  readonly hash: string;
  readonly seed: number;
  readonly kind: string;
}

/**
 * A sweep's finished replications on disk, one small file per (point, replication), each
 * written to a temporary name and renamed into place: a crash or Ctrl-C loses at most the
 * replications in flight, and a rerun of the same command skips every one already here.
 * Shards sharing one directory write disjoint files.
 */
export class SweepStore implements ReplicationStore {
  readonly #dir: string;
  readonly #found = new Map<string, number[]>();
  /** Replications found on disk when the store was opened. */
  readonly resumed: number;

  private constructor(dir: string) {
    this.#dir = dir;
    for (const name of readdirSync(dir)) {
      if (!/^[0-9a-f]{16}-\d+\.json$/.test(name)) continue;
      const saved = JSON.parse(readFileSync(join(dir, name), "utf8")) as { point: string; replication: number; figures: Array<number | null> };
      // JSON has no NaN (a latency with no success): it comes back as null.
      this.#found.set(key(saved.point, saved.replication), saved.figures.map((x) => (x === null ? Number.NaN : x)));
    }
    this.resumed = this.#found.size;
  }

  /**
   * Opens (or creates) the store in `dir`. Refuses, with the way out, a directory holding
   * results of another scenario or seed, unless `fresh` asks to discard them.
   */
  static open(dir: string, identity: SweepIdentity, fresh = false): SweepStore {
    const manifest = join(dir, "manifest.json");
    const entries = existsSync(dir) ? readdirSync(dir) : [];
    const foreign = entries.filter((name) => !isStoreFile(name));
    // A directory this store did not make is not ours to fill, nor, with --fresh, to empty.
    if (foreign.length > 0 && (fresh || !entries.includes("manifest.json"))) {
      const shown = foreign.slice(0, 3).join(", ") + (foreign.length > 3 ? `, … (${foreign.length} in all)` : "");
      throw new ScenarioError(identity.file, [
        {
          path: [],
          message:
            `${dir} is not a relisim sweep's directory of replications: it holds ${shown}, which relisim did not write; ` +
            `nothing was ${fresh ? "deleted" : "written"}: use --out elsewhere`,
        },
      ]);
    }
    // --fresh removes only the files this store writes: its manifest, replications and temporaries.
    if (fresh) for (const name of entries) rmSync(join(dir, name), { force: true });
    mkdirSync(dir, { recursive: true });
    const wanted = { hash: identity.hash, seed: identity.seed, kind: identity.kind };
    if (existsSync(manifest)) {
      const found = JSON.parse(readFileSync(manifest, "utf8")) as typeof wanted;
      if (found.hash !== wanted.hash || found.seed !== wanted.seed || found.kind !== wanted.kind) {
        throw new ScenarioError(identity.file, [
          {
            path: [],
            message:
              `${dir} holds results of another scenario or seed (hash ${found.hash}, seed ${found.seed}; this run: hash ${wanted.hash}, seed ${wanted.seed}); ` +
              "they are not mixed: use --out elsewhere, or --fresh to discard them",
          },
        ]);
      }
    } else {
      atomicWrite(manifest, `${JSON.stringify(wanted)}\n`);
    }
    return new SweepStore(dir);
  }

  get(point: string, index: number): number[] | undefined {
    return this.#found.get(key(point, index));
  }

  put(point: string, index: number, figures: number[]): void {
    const name = `${createHash("sha256").update(point).digest("hex").slice(0, 16)}-${index}.json`;
    atomicWrite(join(this.#dir, name), `${JSON.stringify({ point, replication: index, figures })}\n`);
    this.#found.set(key(point, index), figures);
  }
}

/** The names this store writes: its manifest, one file per replication, and their temporaries. */
function isStoreFile(name: string): boolean {
  return /^(manifest|[0-9a-f]{16}-\d+)\.json(\.tmp-[0-9a-f-]{36})?$/.test(name);
}

const key = (point: string, index: number) => `${index}\u0000${point}`;

/** Writes a file under a unique temporary name, then renames it: readers see all of it or none. */
function atomicWrite(path: string, content: string): void {
  // Unique across processes and machines sharing a volume (pids repeat across pods).
  const tmp = `${path}.tmp-${randomUUID()}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}
