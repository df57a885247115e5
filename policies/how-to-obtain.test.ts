import { describe, expect, it } from 'vitest';
import { howToObtain } from './how-to-obtain.ts';

describe('how a denied item can be obtained', () => {
  it('art-13: when a CONDITIONAL item is denied, then it can be requested from its provider and escalated', () => {
    expect(howToObtain('CONDITIONAL')).toEqual({
      requestable: true,
      escalatable: true,
      explanation: 'shared on condition: apply to the provider for access with this purpose',
    });
  });

  it('art-11: when a NONE item is denied, then it cannot be requested, only escalated to the coordination office', () => {
    expect(howToObtain('NONE')).toEqual({
      requestable: false,
      escalatable: true,
      explanation: 'not shared; access can only be escalated to the coordination office with a legal basis',
    });
  });

  it('when an item without share metadata is denied, then there is no way to obtain it', () => {
    expect(howToObtain(undefined)).toEqual({ requestable: false, escalatable: false, explanation: 'shared with no department for this purpose' });
  });
});
