import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, shareError } from './errors.ts';

function readmeErrorTable(): Array<{ code: string; status: number }> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('## Configuration'));
  return [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => ({ code: m[1]!, status: Number(m[2]) }));
}

describe('error registry', () => {
  it('when the README documents error codes, then its table equals the registry, code by code and status by status', () => {
    const documented = readmeErrorTable();
    const registered = Object.entries(ERROR_CODES).map(([code, entry]) => ({ code, status: entry.status }));
    expect(documented).toEqual(registered);
  });

  it('when a code is registered, then it has a message a person can read', () => {
    for (const entry of Object.values(ERROR_CODES)) expect(entry.message.length).toBeGreaterThan(20);
  });

  it('when a registry error is built, then it carries no stack frames and leaves the stack trace limit as it was', () => {
    const limit = Error.stackTraceLimit;
    const error = shareError('FORBIDDEN_FIELD', {
      path: ['resident', 'criminalRecord'],
      extensions: { field: 'Resident.criminalRecord', shareType: 'NONE', provider: 'public-security', requestable: false, escalatable: true },
    });
    expect(error.stack ?? '').not.toMatch(/\n\s+at /);
    expect(error.extensions['code']).toBe('FORBIDDEN_FIELD');
    expect(error.path).toEqual(['resident', 'criminalRecord']);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('fault').stack).toMatch(/\n\s+at /);
  });
});
