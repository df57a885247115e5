import { describe, expect, it } from 'vitest';
import { testCatalog } from '../test-fixtures.ts';
import { checkPolicySimulation, MAX_SIMULATION_DAYS, type PolicyChangeInput, type SimulationContext } from './check-policy-simulation.ts';
import { actor, outcome } from './harness.ts';

const operator = actor('info-center', 'platform-admin');
const hr = actor('human-resources', 'consumer', 'provider-admin');
const catalog = new Map(testCatalog);
catalog.set('Resident.pension', { ...testCatalog.get('Resident.pension')!, valueType: 'Float' });
const context: SimulationContext = {
  catalog,
  departments: ['civil-affairs', 'human-resources', 'public-security', 'approval', 'info-center'],
  grant: { id: 'g1', dept: 'civil-affairs', field: 'Resident.pension', kind: 'REQUEST', revoked: false },
};
const grantOf = (overrides: Partial<NonNullable<PolicyChangeInput['grant']>> = {}): PolicyChangeInput => ({
  grant: { department: 'civil-affairs', items: ['Resident.pension'], purpose: 'WORK_REFERENCE', ...overrides },
});
const check = (who: typeof operator, change: PolicyChangeInput, days = 30, ctx: SimulationContext = context) =>
  outcome(checkPolicySimulation(who, { change, days }, ctx));

describe('policy dry run: who may simulate what', () => {
  it('art-17: when the operator or the provider of the items simulates a change, then it runs; a consumer is FORBIDDEN', () => {
    expect(check(operator, grantOf())).toBe('ok');
    expect(check(hr, grantOf())).toBe('ok');
    expect(check(hr, { revoke: { grantId: 'g1' } })).toBe('ok');
    expect(check(hr, { mask: { item: 'Resident.pension', purpose: 'WORK_REFERENCE', mask: 'AMOUNT_BAND' } })).toBe('ok');
    expect(check(actor('civil-affairs'), grantOf())).toBe("FORBIDDEN: Only the platform operator or a provider's sharing administrator runs a policy dry run");
  });

  it("when a provider names another department's item, then FORBIDDEN; an item of no one, then BAD_USER_INPUT naming it", () => {
    expect(check(hr, grantOf({ items: ['Resident.pension', 'Resident.address'] }))).toBe(
      "FORBIDDEN: A provider simulates changes to its own department's items only, not Resident.address",
    );
    expect(check(hr, { shareType: { item: 'Resident.record', shareType: 'UNCONDITIONAL' } })).toMatch(/^FORBIDDEN/);
    expect(check(operator, grantOf({ items: ['Resident.nothing'] }))).toBe('BAD_USER_INPUT: Not a data item of the catalog: Resident.nothing');
    expect(check(operator, { mask: { item: 'Nope.x', purpose: 'WORK_REFERENCE' } })).toBe('BAD_USER_INPUT: Not a data item of the catalog: Nope.x');
  });

  it('when a grant names 10 000 unknown items, or a provider many items of others, then the refusal names the first five and counts the rest', () => {
    const unknown = Array.from({ length: 10_000 }, (_, index) => `Resident.nothing${index}`);
    const refusal = check(operator, grantOf({ items: unknown }));
    expect(refusal).toBe(
      'BAD_USER_INPUT: Not a data item of the catalog: Resident.nothing0, Resident.nothing1, Resident.nothing2, Resident.nothing3, Resident.nothing4 and 9995 more',
    );
    const long = check(operator, grantOf({ items: unknown.map((item) => item + 'x'.repeat(1_000)) }));
    expect(long.length).toBeLessThan(1_000);
    const others = [...catalog.keys()].filter((item) => catalog.get(item)!.provider !== 'human-resources');
    expect(others.length).toBeGreaterThan(5);
    expect(check(hr, grantOf({ items: others }))).toMatch(
      new RegExp(`^FORBIDDEN: A provider simulates changes to its own department's items only, not ([^,]+, ){4}[^,]+ and ${others.length - 5} more$`),
    );
  });

  it('when a revocation names a grant the actor cannot see, or none, then NOT_FOUND alike; one it may see but not revoke, FORBIDDEN', () => {
    const notFound = 'NOT_FOUND: No grant with id g1 is visible to your department';
    expect(check(actor('approval', 'provider-admin'), { revoke: { grantId: 'g1' } })).toBe(notFound);
    expect(check(operator, { revoke: { grantId: 'g1' } }, 30, { ...context, grant: undefined })).toBe(notFound);
    // civil-affairs holds the grant (so sees it) but human-resources provides the item.
    expect(check(actor('civil-affairs', 'provider-admin'), { revoke: { grantId: 'g1' } })).toMatch(/^FORBIDDEN/);
    expect(check(operator, { revoke: { grantId: 'g1' } }, 30, { ...context, grant: { ...context.grant!, revoked: true } })).toMatch(/^CONFLICT/);
  });

  it('when the period is outside 1 to 366 days, or not a whole number, then BAD_USER_INPUT before anything else is read', () => {
    for (const days of [0, -1, MAX_SIMULATION_DAYS + 1, 1.5, Number.NaN, 2 ** 31]) {
      expect(check(operator, grantOf(), days)).toBe('BAD_USER_INPUT: days must be a whole number from 1 to 366');
    }
    expect(check(operator, grantOf(), 1)).toBe('ok');
    expect(check(operator, grantOf(), 366)).toBe('ok');
  });

  it('when the change names none or several kinds, an unknown department, a mask that does not fit, or an exception from a provider, then it is refused', () => {
    expect(check(operator, {})).toBe('BAD_USER_INPUT: change names exactly one of grant, revoke, shareType or mask');
    expect(check(operator, { ...grantOf(), revoke: { grantId: 'g1' } })).toMatch(/^BAD_USER_INPUT: change names exactly one/);
    expect(check(operator, grantOf({ department: 'nowhere' }))).toBe('BAD_USER_INPUT: Unknown department nowhere');
    expect(check(operator, grantOf({ items: [] }))).toBe('BAD_USER_INPUT: A grant names at least one item');
    expect(check(operator, grantOf({ mask: 'NAME_PARTIAL' }))).toMatch(/^BAD_USER_INPUT: mask NAME_PARTIAL fits/);
    expect(check(operator, grantOf({ condition: [{ attribute: 'pension', anyOf: ['1'] }] }))).toMatch(/^BAD_USER_INPUT: condition attribute pension/);
    expect(check(hr, grantOf({ exception: true }))).toMatch(/^FORBIDDEN: Exceptional grants/);
    expect(check(operator, grantOf({ exception: true }))).toBe('ok');
  });
});
