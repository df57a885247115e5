import { describe, expect, it } from 'vitest';
import { maskAddressToSubdistrict } from './mask-address-to-subdistrict.ts';

describe('address-to-subdistrict mask', () => {
  it('art-23: when an address is masked, then it ends with its subdistrict: no road, no number', () => {
    expect(maskAddressToSubdistrict('山东省淄博市周村区丝绸路街道正阳路128号3号楼2单元401室')).toBe('山东省淄博市周村区丝绸路街道');
    expect(maskAddressToSubdistrict('山东省淄博市周村区大街街道丝市街36号1号楼1单元102室')).toBe('山东省淄博市周村区大街街道');
    expect(maskAddressToSubdistrict('山东省淄博市周村区王村镇西村12号')).toBe('山东省淄博市周村区王村镇');
  });

  it('when an address names no subdistrict, then it is cut after its county-level division', () => {
    expect(maskAddressToSubdistrict('山东省淄博市周村区正阳路128号')).toBe('山东省淄博市周村区');
  });

  it('when an address names no division at all, then it is withheld', () => {
    expect(maskAddressToSubdistrict('正阳路128号')).toBeNull();
    expect(maskAddressToSubdistrict(128)).toBeNull();
  });
});
