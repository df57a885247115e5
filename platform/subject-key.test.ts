import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadSubjectHmac, SUBJECT_HMACS_KEPT } from './subject-key.ts';

function keyFile(secret: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhoucun-subject-key-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'subject-hmac.key');
  writeFileSync(path, `${secret.toString('hex')}\n`);
  return path;
}

describe('subject HMAC', () => {
  it('when subjects are hashed, again and beyond the number kept, then each HMAC is the keyed HMAC of the upper-cased identifier', () => {
    const secret = randomBytes(32);
    const hmac = loadSubjectHmac(keyFile(secret));
    const expected = (identifier: string) => createHmac('sha256', secret).update(identifier.toUpperCase()).digest('hex');
    const first = '37030619850312012x';
    expect(hmac(first)).toBe(expected(first));
    expect(hmac(first.toUpperCase())).toBe(hmac(first));
    // More subjects than are kept: the first is forgotten and hashed anew, to the same HMAC.
    for (let i = 0; i <= SUBJECT_HMACS_KEPT; i++) hmac(`91370306MA${String(i).padStart(8, '0')}`);
    expect(hmac(first)).toBe(expected(first));
    expect(hmac('91370306MA00000007')).toBe(expected('91370306MA00000007'));
  });

  it('when two keys hash one subject, then the HMACs differ: nothing kept by one is answered by the other', () => {
    const one = loadSubjectHmac(keyFile(randomBytes(32)));
    const other = loadSubjectHmac(keyFile(randomBytes(32)));
    expect(one('370306198503120123')).not.toBe(other('370306198503120123'));
  });

  it('when the key file holds fewer than 32 bytes, then loading it is refused naming the file', () => {
    const path = keyFile(randomBytes(16));
    expect(() => loadSubjectHmac(path)).toThrow(`${path} must hold at least 32 bytes as hex`);
  });
});
