import { describe, expect, it } from 'vitest';
import { checkText } from './check-text.ts';

const problem = (verdict: ReturnType<typeof checkText>) => (verdict.ok ? 'ok' : `${verdict.problem}: ${verdict.message}`);

describe('governance texts', () => {
  it('when a text fits its kind, then it is accepted, Chinese, line breaks in prose and all', () => {
    expect(checkText('reason', '参保明细属个人隐私，\n核验事项无需', 'prose').ok).toBe(true);
    expect(checkText('matter', '食品经营许可审批 2026', 'line').ok).toBe(true);
    expect(checkText('id', 'Resident.monthlyPension', 'identifier').ok).toBe(true);
    expect(checkText('reason', '𠀀'.repeat(2000), 'prose').ok).toBe(true);
  });

  it('when a text is longer than its kind allows, then BAD_USER_INPUT names the argument and the limit, however huge', () => {
    expect(problem(checkText('justification', 'x'.repeat(2001), 'prose'))).toBe('BAD_USER_INPUT: justification is too long: at most 2000 characters');
    expect(problem(checkText('justification', '审'.repeat(10_000_000), 'prose'))).toBe('BAD_USER_INPUT: justification is too long: at most 2000 characters');
    expect(problem(checkText('matter', 'x'.repeat(129), 'line'))).toBe('BAD_USER_INPUT: matter is too long: at most 128 characters');
    expect(problem(checkText('id', 'x'.repeat(129), 'identifier'))).toBe('BAD_USER_INPUT: id is too long: at most 128 characters');
    // characters, not UTF-16 units: 2000 characters outside the BMP are 4000 units and fit
    expect(problem(checkText('reason', '𠀀'.repeat(2001), 'prose'))).toBe('BAD_USER_INPUT: reason is too long: at most 2000 characters');
  });

  it('when a text holds NUL, then BAD_USER_INPUT, in every kind (the store cannot hold NUL)', () => {
    for (const kind of ['identifier', 'line', 'prose'] as const) {
      expect(problem(checkText('reason', 'a\u0000b', kind))).toBe('BAD_USER_INPUT: reason contains an invisible or control character (U+0000); remove it');
    }
  });

  it('when a text holds control, bidi or zero-width characters or a lone surrogate, then BAD_USER_INPUT names the character', () => {
    const cases: Array<[string, string]> = [
      ['\u0007', 'U+0007'],
      ['\u001b[31m', 'U+001B'],
      ['\u007f', 'U+007F'],
      ['\u0085', 'U+0085'],
      ['\u202e', 'U+202E'],
      ['\u2066', 'U+2066'],
      ['\u200f', 'U+200F'],
      ['\u200b', 'U+200B'],
      ['\ufeff', 'U+FEFF'],
      ['\ud800', 'U+D800'],
    ];
    for (const [character, name] of cases) {
      expect(problem(checkText('basis', `依据${character}第十一条`, 'prose'))).toBe(
        `BAD_USER_INPUT: basis contains an invisible or control character (${name}); remove it`,
      );
    }
  });

  it('when a one-line text or an identifier holds a line break, or an identifier a space, then BAD_USER_INPUT', () => {
    expect(problem(checkText('matter', 'a\nb', 'line'))).toMatch(/U\+000A/);
    expect(problem(checkText('matter', 'a\u2028b', 'line'))).toBe('BAD_USER_INPUT: matter must be a single line');
    expect(problem(checkText('reason', 'a\tb\r\nc', 'prose'))).toBe('ok');
    expect(problem(checkText('user', 'hr admin', 'identifier'))).toBe('BAD_USER_INPUT: user must not contain spaces');
    expect(problem(checkText('user', 'hr\u3000admin', 'identifier'))).toBe('BAD_USER_INPUT: user must not contain spaces');
  });

  it('when a text holds a noncharacter, or prose a line or paragraph separator, then BAD_USER_INPUT names it (one rule with the edge)', () => {
    expect(problem(checkText('reason', 'a\uffffb', 'prose'))).toBe('BAD_USER_INPUT: reason contains an invisible or control character (U+FFFF); remove it');
    expect(problem(checkText('reason', 'a\u2029b', 'prose'))).toBe('BAD_USER_INPUT: reason contains a line or paragraph separator (U+2029); use a line break');
  });
});
