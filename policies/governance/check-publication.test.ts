import { describe, expect, it } from 'vitest';
import { checkGovernanceArguments } from './check-governance-arguments.ts';
import { checkPublication } from './check-publication.ts';
import { actor, outcome } from './harness.ts';

const departments = ['civil-affairs', 'human-resources', 'info-center'];
const publication = { name: 'civil-affairs', url: 'http://127.0.0.1:4106/graphql', sdl: 'type Query { a: String }' };

describe('art-21: who publishes a subgraph', () => {
  it("art-21: when the department's provider-admin or the operator publishes, then it is accepted", () => {
    expect(outcome(checkPublication(actor('civil-affairs', 'provider-admin'), publication, departments))).toBe('ok');
    expect(outcome(checkPublication(actor('info-center', 'platform-admin'), publication, departments))).toBe('ok');
  });

  it("art-21: when a consumer or another department's administrator publishes, then FORBIDDEN", () => {
    const refusal = 'FORBIDDEN: Only a sharing administrator of civil-affairs (provider-admin) or the platform operator publishes its subgraph (art. 21)';
    expect(outcome(checkPublication(actor('civil-affairs'), publication, departments))).toBe(refusal);
    expect(outcome(checkPublication(actor('human-resources', 'provider-admin'), publication, departments))).toBe(refusal);
  });

  it('when the department is unknown or the operator itself, then BAD_USER_INPUT', () => {
    const operator = actor('info-center', 'platform-admin');
    expect(outcome(checkPublication(operator, { ...publication, name: 'tax' }, departments))).toBe(
      'BAD_USER_INPUT: Unknown department tax: the operator registers it first',
    );
    expect(outcome(checkPublication(operator, { ...publication, name: 'info-center' }, departments))).toBe(
      'BAD_USER_INPUT: The info-center subgraph ships with the platform and is not published',
    );
  });

  it('when the url is not http(s), carries credentials or does not parse, then BAD_USER_INPUT', () => {
    const admin = actor('civil-affairs', 'provider-admin');
    const at = (url: string) => outcome(checkPublication(admin, { ...publication, url }, departments));
    expect(at('file:///etc/passwd')).toBe('BAD_USER_INPUT: url must be http or https, not file:');
    expect(at('javascript:alert(1)')).toBe('BAD_USER_INPUT: url must be http or https, not javascript:');
    expect(at('http://user:secret@127.0.0.1/graphql')).toBe('BAD_USER_INPUT: url must not carry credentials');
    expect(at('127.0.0.1:4106')).toBe('BAD_USER_INPUT: url is not an absolute URL');
    expect(outcome(checkPublication(admin, { ...publication, url: undefined }, departments))).toBe(
      'BAD_USER_INPUT: url is required: civil-affairs has no published subgraph yet',
    );
  });

  it('when the schema is empty, then BAD_USER_INPUT', () => {
    expect(outcome(checkPublication(actor('civil-affairs', 'provider-admin'), { ...publication, sdl: ' \n ' }, departments))).toBe(
      'BAD_USER_INPUT: sdl is empty: send the subgraph schema',
    );
  });

  it('when the schema, url or name take their worst values, then the argument bounds refuse them first', () => {
    const args = (over: Record<string, unknown>) => outcome(checkGovernanceArguments('publishSubgraph', { ...publication, dryRun: false, ...over }));
    expect(args({ sdl: 'x'.repeat(192 * 1024) })).toBe('ok');
    expect(args({ sdl: 'x'.repeat(192 * 1024 + 1) })).toBe('BAD_USER_INPUT: sdl is too long: at most 196608 characters');
    expect(args({ sdl: 'type Query { a: String }\u0000' })).toBe('BAD_USER_INPUT: sdl contains an invisible or control character (U+0000); remove it');
    expect(args({ url: `http://a/${'x'.repeat(2048)}` })).toBe('BAD_USER_INPUT: url is too long: at most 2048 characters');
    expect(args({ url: 'http://a/\u202egraphql' })).toBe('BAD_USER_INPUT: url contains an invisible or control character (U+202E); remove it');
    expect(args({ name: 'n'.repeat(129) })).toBe('BAD_USER_INPUT: name is too long: at most 128 characters');
    expect(args({ name: 'civil affairs' })).toBe('BAD_USER_INPUT: name must not contain spaces');
  });
});
