import { describe, expect, it } from 'vitest';
import { maskCitizenId } from './mask-citizen-id.ts';

describe('citizen ID mask', () => {
  it('art-23: when a citizen ID is masked, then only its division code and last four characters remain', () => {
    expect(maskCitizenId('370306198503120122')).toBe('370306********0122');
    expect(maskCitizenId('37030619850312012X')).toBe('370306********012X');
  });

  it('when the text is too short to keep both ends, then all of it is starred', () => {
    expect(maskCitizenId('3703060122')).toBe('**********');
    expect(maskCitizenId('')).toBe('');
  });

  it('when the value is not a string, then it is withheld', () => {
    expect(maskCitizenId(370306198503)).toBeNull();
    expect(maskCitizenId({ id: '370306198503120122' })).toBeNull();
  });
});
