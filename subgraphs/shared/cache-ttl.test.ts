import { describe, expect, it } from 'vitest';
import { approval } from '../approval/definition.ts';
import { civilAffairs } from '../civil-affairs/definition.ts';
import { publicSecurity } from '../public-security/definition.ts';
import { cachePolicyFromCycles, declaredCycles } from './cache-ttl.ts';

describe('resolver-cache TTL from the declared update cycle (周政发〔2018〕6号 art. 14)', () => {
  it('art-14: a cached field takes its own cycle, else the cycle of the resource it returns', () => {
    const cycles = declaredCycles(publicSecurity.typeDefs);
    expect(cycles.get('Query.resident')).toBe('DAILY');
    expect(declaredCycles(civilAffairs.typeDefs).get('Query.subsistenceAllowanceStandard')).toBe('YEARLY');
    expect(declaredCycles(approval.typeDefs).get('Query.licence')).toBe('DAILY');
  });

  it('art-14: the TTL is the shorter of the department bound and the cycle capped; REALTIME and undeclared fields are not cached; references stay', () => {
    const typeDefs = `
      type Query {
        daily: Item @share(type: UNCONDITIONAL)
        yearly: Float @share(type: UNCONDITIONAL, updateCycle: YEARLY)
        live: Float @share(type: UNCONDITIONAL, updateCycle: REALTIME)
        undeclared: Float @share(type: UNCONDITIONAL)
      }
      type Item @share(type: UNCONDITIONAL, resource: DEPARTMENTAL, updateCycle: DAILY) { id: ID }
    `;
    const references = () => ['item:1'];
    const policy = cachePolicyFromCycles(
      { Query: { daily: { ttl: 86_400, references }, yearly: { ttl: 60 }, live: { ttl: 3600 }, undeclared: { ttl: 3600 } } },
      typeDefs,
      1800,
    );
    expect(policy).toEqual({ Query: { daily: { ttl: 1800, references }, yearly: { ttl: 60 } } });
    expect(cachePolicyFromCycles({ Query: { daily: { ttl: 86_400 } } }, typeDefs, 86_400)).toEqual({ Query: { daily: { ttl: 3600 } } });
  });
});
