import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_ID_TEXT, MATTER_TEXT, OPERATION_NAME_TEXT, readConsumerText } from './read-consumer-text.ts';

describe('readConsumerText', () => {
  it('when a matter is plain Chinese text, then it is accepted as it is', () => {
    expect(readConsumerText('最低生活保障资格审核', MATTER_TEXT)).toEqual({ text: '最低生活保障资格审核' });
  });

  it('when a matter arrives decomposed, then it is stored composed (NFC), so equal words are equal text', () => {
    expect(readConsumerText('Cafe\u0301 审核', MATTER_TEXT)).toEqual({ text: 'Caf\u00e9 审核' });
  });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['a tab', 'a\tb', 'U+0009'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control (Latin-1 header byte 0x85)', 'a\u0085b', 'U+0085'],
    ['a right-to-left override', '审核\u202egnp.exe', 'U+202E'],
    ['a right-to-left isolate', 'a\u2067b', 'U+2067'],
    ['a right-to-left mark', 'a\u200fb', 'U+200F'],
    ['a zero-width space', '张\u200b三', 'U+200B'],
    ['a byte order mark', '\ufeffabc', 'U+FEFF'],
    ['a line separator', 'a\u2028b', 'U+2028'],
    ['a noncharacter', 'a\uffffb', 'U+FFFF'],
  ])('when a matter holds %s, then it is refused naming the character', (_label, text, codePoint) => {
    expect(readConsumerText(text, MATTER_TEXT)).toEqual({
      problem: `X-Share-Matter must not contain control, format or separator characters (found ${codePoint})`,
    });
  });

  it('when a matter holds a lone surrogate (the store would silently replace it), then it is refused', () => {
    expect(readConsumerText('a\ud800b', MATTER_TEXT)).toEqual({ problem: 'X-Share-Matter is not well-formed Unicode (a lone surrogate)' });
  });

  it('when a matter is 128 characters, some outside the BMP, then it fits; at 129 it does not', () => {
    expect(readConsumerText('𠀀'.repeat(128), MATTER_TEXT)).toEqual({ text: '𠀀'.repeat(128) });
    expect(readConsumerText('审'.repeat(129), MATTER_TEXT)).toEqual({ problem: 'X-Share-Matter must be at most 128 characters' });
  });

  it('when an operation name is not a GraphQL name or too long, then it is refused', () => {
    expect(readConsumerText('Means_Test2', OPERATION_NAME_TEXT)).toEqual({ text: 'Means_Test2' });
    expect(readConsumerText('Means Test', OPERATION_NAME_TEXT)).toEqual({ problem: 'operationName must be a GraphQL name (letters, digits, _)' });
    expect(readConsumerText('审核', OPERATION_NAME_TEXT)).toEqual({ problem: 'operationName must be a GraphQL name (letters, digits, _)' });
    expect(readConsumerText('A'.repeat(257), OPERATION_NAME_TEXT)).toEqual({ problem: 'operationName must be at most 256 characters' });
  });

  it('when an application id is not a plain identifier, then it is refused', () => {
    expect(readConsumerText('hr-portal', APP_ID_TEXT)).toEqual({ text: 'hr-portal' });
    expect(readConsumerText('urn:app@hr.v2', APP_ID_TEXT)).toEqual({ text: 'urn:app@hr.v2' });
    expect(readConsumerText('-x', APP_ID_TEXT)).toHaveProperty('problem');
    expect(readConsumerText('人社门户', APP_ID_TEXT)).toHaveProperty('problem');
    expect(readConsumerText('a'.repeat(65), APP_ID_TEXT)).toEqual({ problem: 'application id (sub) must be at most 64 characters' });
  });

  it('whatever text comes in, an accepted one is well-formed NFC without controls, format characters or separators, within its length', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        const verdict = readConsumerText(raw, MATTER_TEXT);
        if ('problem' in verdict) return;
        accepted += 1;
        expect(verdict.text.isWellFormed()).toBe(true);
        expect(verdict.text).toBe(verdict.text.normalize('NFC'));
        expect(verdict.text).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
        expect([...verdict.text].length).toBeLessThanOrEqual(128);
      }),
      { numRuns: 2_000 },
    );
    // Refusals prove nothing here: enough texts must have been accepted and checked.
    expect(accepted).toBeGreaterThan(100);
  });
});
