/**
 * Copies of every audit checkpoint outside the store, so that whoever administers the database
 * cannot delete checkpoints, or records behind them, unseen: an append-only, fsync'ed log per chain
 * in the data directory (written before the checkpoint's row is committed), and optionally a Redis
 * stream per chain that another host holds. `npm run audit:verify` compares the store with them.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Redis } from '../cache/redis-connection.ts';
import type { Checkpoint } from './audit-checkpoint.ts';
import { checkpointToLine, lineToCheckpoint } from './audit-codec.ts';

const LOG_SUFFIX = '.checkpoints.jsonl';

/** The checkpoint log of `chain` in the anchor directory. */
export function checkpointLogPath(anchorDir: string, chain: string): string {
  return join(anchorDir, `${chain.replace(/[^\w.-]/g, '_')}${LOG_SUFFIX}`);
}

export interface CheckpointLog {
  /** Appends the checkpoints and forces them to disk; rejects if that is not possible. */
  append(checkpoints: readonly Checkpoint[]): Promise<void>;
  /** The checkpoints in the last `maxBytes` of the log (the whole log when smaller). */
  readTail(maxBytes: number): Promise<Checkpoint[]>;
  close(): Promise<void>;
}

export function createCheckpointLog(path: string): CheckpointLog {
  let handle: FileHandle | undefined;
  const openHandle = async () => {
    if (handle) return handle;
    const dir = join(path, '..');
    mkdirSync(dir, { recursive: true });
    handle = await open(path, 'a', 0o600);
    // A new file's name is durable only once its directory is synced.
    const dirHandle = await open(dir, 'r');
    await dirHandle.sync().finally(() => dirHandle.close());
    return handle;
  };
  return {
    async append(checkpoints) {
      if (checkpoints.length === 0) return;
      const file = await openHandle();
      await file.appendFile(checkpoints.map((checkpoint) => `${checkpointToLine(checkpoint)}\n`).join(''));
      await file.datasync();
    },
    async readTail(maxBytes) {
      let file: FileHandle;
      try {
        file = await open(path, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      try {
        const { size } = await file.stat();
        const start = Math.max(0, size - maxBytes);
        const buffer = Buffer.alloc(size - start);
        await file.read(buffer, 0, buffer.length, start);
        const lines = buffer.toString('utf8').split('\n');
        if (start > 0) lines.shift(); // begins mid-line
        return lines.map(lineToCheckpoint).filter((checkpoint): checkpoint is Checkpoint => checkpoint !== undefined);
      } finally {
        await file.close();
      }
    },
    async close() {
      await handle?.close();
      handle = undefined;
    },
  };
}

/** A copy of the checkpoints the verifier can compare the store with. */
export interface CheckpointAnchors {
  /** Where the copy lives, for messages ("checkpoint log in /data/audit", "Redis"). */
  name: string;
  /** Every anchored checkpoint, by chain; lines that are not checkpoints (a torn last line) are named in `unreadable`. */
  read(): Promise<{ byChain: Map<string, Checkpoint[]>; unreadable: string[] }>;
}

function group(checkpoints: Iterable<Checkpoint>): Map<string, Checkpoint[]> {
  const byChain = new Map<string, Checkpoint[]>();
  for (const checkpoint of checkpoints) byChain.set(checkpoint.chain, [...(byChain.get(checkpoint.chain) ?? []), checkpoint]);
  return byChain;
}

/** The checkpoint logs in `dir` (every `*.checkpoints.jsonl`). */
export function checkpointLogAnchors(dir: string): CheckpointAnchors {
  return {
    name: `the checkpoint log in ${dir}`,
    async read() {
      const checkpoints: Checkpoint[] = [];
      const unreadable: string[] = [];
      // No directory yet: no checkpoint was ever anchored there (the store's must then be none either).
      const files = existsSync(dir) ? readdirSync(dir) : [];
      for (const file of files.filter((name) => name.endsWith(LOG_SUFFIX)).sort()) {
        const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
        lines.forEach((line, index) => {
          if (!line.trim()) return;
          const checkpoint = lineToCheckpoint(line);
          // The last line may be torn by a crash mid-write; its checkpoint was never committed.
          if (checkpoint) checkpoints.push(checkpoint);
          else if (index < lines.length - 1) unreadable.push(`${file} line ${index + 1}`);
        });
      }
      return { byChain: group(checkpoints), unreadable };
    },
  };
}

const streamKey = (prefix: string, chain: string) => `${prefix}audit:checkpoints:${chain}`;

/** Appends checkpoints to the chain's Redis stream (best effort: the local log is the one that must hold). */
export function createRedisCheckpointPublisher(redis: Redis, prefix: string): (checkpoints: readonly Checkpoint[]) => Promise<void> {
  return async (checkpoints) => {
    for (const checkpoint of checkpoints) await redis.xAdd(streamKey(prefix, checkpoint.chain), '*', { checkpoint: checkpointToLine(checkpoint) });
  };
}

/** The checkpoints published to Redis under `prefix`, every chain. */
export function redisCheckpointAnchors(redis: Redis, prefix: string): CheckpointAnchors {
  return {
    name: 'Redis',
    async read() {
      const checkpoints: Checkpoint[] = [];
      const unreadable: string[] = [];
      for await (const keys of redis.scanIterator({ MATCH: `${streamKey(prefix, '')}*`, TYPE: 'stream', COUNT: 100 })) {
        for (const key of keys) {
          for (const entry of (await redis.xRange(key, '-', '+')) ?? []) {
            const checkpoint = lineToCheckpoint(String(entry?.message?.['checkpoint']));
            if (checkpoint) checkpoints.push(checkpoint);
            else unreadable.push(`${key} entry ${entry?.id ?? '?'}`);
          }
        }
      }
      return { byChain: group(checkpoints), unreadable };
    },
  };
}
