import { describe, expect, it } from 'vitest';
import { maskName } from './mask-name.ts';

describe('name mask', () => {
  it('art-23: when a name is masked, then its first and last character remain', () => {
    expect(maskName('王淑芬')).toBe('王*芬');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });

  it('when a name has two characters, then only the surname remains; one character is starred', () => {
    expect(maskName('王芬')).toBe('王*');
    expect(maskName('王')).toBe('*');
  });

  it('when a name holds characters outside the basic plane, then none is cut in half', () => {
    expect(maskName('𠮷野家')).toBe('𠮷*家');
  });

  it('when the value is not a string, then it is withheld', () => {
    expect(maskName(['王淑芬'])).toBeNull();
  });
});
