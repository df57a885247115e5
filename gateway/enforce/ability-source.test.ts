import { describe, expect, it } from 'vitest';
import { NOW, grant, testCatalog } from '../../policies/test-fixtures.ts';
import type { Grant } from '../../policies/types.ts';
import { createMemoryGrantSource, type GrantSource } from '../../platform/grant-source.ts';
import { createAbilitySource } from './ability-source.ts';

const consumer = { app: 'a', dept: 'civil-affairs', roles: ['consumer' as const] };

function setup(source: GrantSource, at = NOW) {
  let clock = at;
  const abilities = createAbilitySource({ catalog: testCatalog, grants: source, now: () => clock });
  return {
    abilities,
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
    can: () => abilities.abilityFor(consumer, 'ADMINISTRATIVE_BASIS').can('read', 'Resident', 'pension'),
  };
}

describe('ability source', () => {
  it('when the grants change, then the next ability reflects them (cache keyed by version)', () => {
    const source = createMemoryGrantSource([grant()]);
    const { can } = setup(source);
    expect(can()).toBe(true);
    source.replace([]);
    expect(can()).toBe(false);
  });

  it('when a cached grant expires, then the ability is rebuilt at that instant without any change message', () => {
    const { can, advance } = setup(createMemoryGrantSource([grant({ validUntil: new Date(NOW.getTime() + 1000).toISOString() })]));
    expect(can()).toBe(true);
    advance(1000);
    expect(can()).toBe(false);
  });

  it('when the grant store cannot vouch for its grants any more, then conditional items are denied even though an ability was cached (fail closed)', () => {
    let readable = true;
    const grants: Grant[] = [grant()];
    const source: GrantSource = {
      version: () => 1,
      grants: () => {
        if (!readable) throw new Error('store unreachable for 6 s');
        return grants;
      },
    };
    const { can, abilities } = setup(source);
    expect(can()).toBe(true);
    readable = false;
    expect(can()).toBe(false);
    expect(abilities.abilityFor(consumer, 'ADMINISTRATIVE_BASIS').can('read', 'Resident', 'name')).toBe(true);
  });
});
