import { describe, expect, it } from 'vitest';
import { screenText } from './screen-text.ts';

describe('screenText', () => {
  it('when a text fits its shape, then it is kept, normalised to NFC only where the shape asks', () => {
    expect(screenText('Cafe\u0301 审核', { maxLength: 128, normalize: true })).toEqual({ ok: true, text: 'Caf\u00e9 审核' });
    expect(screenText('Cafe\u0301', { maxLength: 128 })).toEqual({ ok: true, text: 'Cafe\u0301' });
  });

  it('when a text holds a lone surrogate, then that is the fault, even in a text far too long', () => {
    expect(screenText('a\udc00b', { maxLength: 128 })).toEqual({ ok: false, fault: 'lone-surrogate', codePoint: 'U+DC00' });
    expect(screenText(`${'审'.repeat(10_000)}\ud800`, { maxLength: 128 })).toEqual({ ok: false, fault: 'lone-surrogate', codePoint: 'U+D800' });
  });

  it('when a text holds a control, format or noncharacter, then it is unseen, in every shape; prose keeps only LF, CR and tab', () => {
    for (const [character, name] of [
      ['\u0000', 'U+0000'],
      ['\u000b', 'U+000B'],
      ['\u0085', 'U+0085'],
      ['\u202e', 'U+202E'],
      ['\u200d', 'U+200D'],
      ['\ufdd0', 'U+FDD0'],
      ['\uffff', 'U+FFFF'],
    ]) {
      expect(screenText(`a${character}b`, { maxLength: 128, lineBreaks: true })).toEqual({ ok: false, fault: 'unseen', codePoint: name });
    }
    expect(screenText('a\n\tb\r\n', { maxLength: 128, lineBreaks: true })).toEqual({ ok: true, text: 'a\n\tb\r\n' });
    expect(screenText('a\nb', { maxLength: 128 })).toEqual({ ok: false, fault: 'unseen', codePoint: 'U+000A' });
  });

  it('when a text holds a line or paragraph separator, then it is refused, prose included', () => {
    expect(screenText('a\u2028b', { maxLength: 128 })).toEqual({ ok: false, fault: 'separator', codePoint: 'U+2028' });
    expect(screenText('a\u2029b', { maxLength: 2000, lineBreaks: true })).toEqual({ ok: false, fault: 'separator', codePoint: 'U+2029' });
  });

  it('when a text is longer than its shape, counted in code points after normalising, then it is too long', () => {
    expect(screenText('𠀀'.repeat(128), { maxLength: 128 })).toEqual({ ok: true, text: '𠀀'.repeat(128) });
    expect(screenText('𠀀'.repeat(129), { maxLength: 128 })).toEqual({ ok: false, fault: 'too-long', maxLength: 128 });
    // 129 decomposed characters compose to 129 é: one too many; 65 compose to 65 and fit 128 though 130 units
    expect(screenText('e\u0301'.repeat(129), { maxLength: 128, normalize: true })).toEqual({ ok: false, fault: 'too-long', maxLength: 128 });
    expect(screenText('e\u0301'.repeat(65), { maxLength: 128, normalize: true })).toEqual({ ok: true, text: '\u00e9'.repeat(65) });
  });

  it('when a shape forbids spaces or requires a pattern, then a text breaking it is refused', () => {
    expect(screenText('hr\u3000admin', { maxLength: 128, spaces: false })).toEqual({ ok: false, fault: 'space' });
    expect(screenText('hr-admin', { maxLength: 128, spaces: false })).toEqual({ ok: true, text: 'hr-admin' });
    expect(screenText('-x', { maxLength: 64, pattern: /^[a-z][a-z-]*$/ })).toEqual({ ok: false, fault: 'pattern' });
  });
});
