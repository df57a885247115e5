import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createArchiveRecordReader } from './audit-archive.ts';
import { toArchiveLine, type ArchivedRecordRow } from './audit-codec.ts';

/** An archive file holding only record lines: chain `a` seq 1–3, then chain `b` seq 1–2. */
function archiveOfTwoChains(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhoucun-archive-reader-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'audit-2025-01.ndjson.gz');
  const record = (chain: string, seq: number) => toArchiveLine({ kind: 'record', row: { chain, seq } as unknown as ArchivedRecordRow, subjects: [] });
  writeFileSync(path, gzipSync([record('a', 1), record('a', 2), record('a', 3), record('b', 1), record('b', 2)].join('')));
  return path;
}

async function seqs(pages: AsyncIterable<Array<{ row: ArchivedRecordRow }>>): Promise<number[][]> {
  const read: number[][] = [];
  for await (const page of pages) read.push(page.map((record) => Number(record.row.seq)));
  return read;
}

describe('archive record reader', () => {
  it('when a chain is asked for after the pass went by it, then it is read by a pass of its own, whole and in pages', async () => {
    const reader = createArchiveRecordReader(archiveOfTwoChains());
    onTestFinished(() => reader.close());
    expect(await seqs(reader.pages('b', 2))).toEqual([[1, 2]]);
    expect(await seqs(reader.pages('a', 2))).toEqual([[1, 2], [3]]);
    expect(await seqs(reader.pages('b', 5))).toEqual([[1, 2]]);
    expect(await seqs(reader.pages('c'))).toEqual([]);
  });

  it('when chains are asked for in file order, then one pass serves them all', async () => {
    const reader = createArchiveRecordReader(archiveOfTwoChains());
    onTestFinished(() => reader.close());
    expect(await seqs(reader.pages('a'))).toEqual([[1, 2, 3]]);
    expect(await seqs(reader.pages('b'))).toEqual([[1, 2]]);
  });
});
