import { describe, expect, it } from 'vitest';
import { hasEscalationStep, negotiationWorkingDays, providerAnswerWorkingDays, readRegulationProfile } from './regulation-profile.ts';
import { DEFAULT_REGULATION_PROFILE, requireShippedProfile, SHIPPED_PROFILE_NAMES, shippedProfile } from './regulation-profiles.ts';

const zhoucun = requireShippedProfile('zhoucun-2018');
const provincial = requireShippedProfile('provincial-two-step');

describe('regulation profiles', () => {
  it('art-13: when zhoucun-2018 is read, then the provider answers in 10 working days, refusals are negotiated, then the coordination office, then the city leading group', () => {
    expect(DEFAULT_REGULATION_PROFILE).toBe('zhoucun-2018');
    expect(zhoucun.request.complianceCheck).toBeNull();
    expect(providerAnswerWorkingDays(zhoucun, false)).toBe(10);
    expect(zhoucun.escalation.map((entry) => entry.step)).toEqual(['NEGOTIATION', 'COORDINATION_OFFICE', 'CITY_LEADING_GROUP']);
    expect(negotiationWorkingDays(zhoucun)).toBe(10);
    expect(zhoucun.disputes.answerWorkingDays).toBe(5);
    expect(zhoucun.catalog.reviewWorkingDays).toBe(15);
    expect(zhoucun.purposes).toEqual(['ADMINISTRATIVE_BASIS', 'WORK_REFERENCE', 'DATA_VERIFICATION', 'BUSINESS_COLLABORATION']);
    expect(zhoucun.grantValidity).toEqual({ defaultDays: 365, maxDays: 365 });
    expect(zhoucun.auditRetentionMonths).toBe(36);
  });

  it('when provincial-two-step is read, then the operator checks compliance in 2 working days, the provider answers in 5 (10 when it must first publish), and there is no city referral', () => {
    expect(provincial.request.complianceCheck).toEqual({ workingDays: 2 });
    expect([providerAnswerWorkingDays(provincial, false), providerAnswerWorkingDays(provincial, true)]).toEqual([5, 10]);
    expect(provincial.escalation.map((entry) => entry.step)).toEqual(['NEGOTIATION', 'COORDINATION_OFFICE']);
    expect(hasEscalationStep(provincial, 'CITY_LEADING_GROUP')).toBe(false);
    expect(provincial.auditRetentionMonths).toBe(12);
  });

  it('when an unknown profile is asked for, then the problem names the shipped ones', () => {
    expect(SHIPPED_PROFILE_NAMES).toEqual(['zhoucun-2018', 'provincial-two-step']);
    expect(shippedProfile('../zhoucun-2018')).toEqual({
      ok: false,
      problems: ['no profile "../zhoucun-2018": the platform ships zhoucun-2018, provincial-two-step'],
    });
    expect(shippedProfile('__proto__').ok).toBe(false);
  });

  const variant = (change: (document: Record<string, unknown>) => void) => {
    const document = structuredClone(zhoucun) as unknown as Record<string, unknown>;
    change(document);
    return readRegulationProfile('zhoucun-2018', document);
  };

  it.each<[string, (document: Record<string, unknown>) => void, string]>([
    ['an unknown key (a misspelt step)', (d) => void (d['deadline'] = {}), '(document): Unrecognized key: "deadline"'],
    ['a deadline of zero working days', (d) => void ((d['disputes'] as Record<string, unknown>)['answerWorkingDays'] = 0), 'disputes.answerWorkingDays'],
    ['a stale share of zero', (d) => void ((d['freshness'] as Record<string, unknown>)['staleShare'] = 0), 'freshness.staleShare'],
    ['a stale share over the whole period', (d) => void ((d['freshness'] as Record<string, unknown>)['staleShare'] = 1.5), 'freshness.staleShare'],
    ['no freshness thresholds', (d) => void delete d['freshness'], 'freshness'],
    ['a fractional deadline', (d) => void ((d['catalog'] as Record<string, unknown>)['reviewWorkingDays'] = 1.5), 'catalog.reviewWorkingDays'],
    ['art-22: an audit kept fewer than six months', (d) => void (d['auditRetentionMonths'] = 5), 'auditRetentionMonths'],
    ['art-22: an audit retention that is not a whole number of months', (d) => void (d['auditRetentionMonths'] = 6.5), 'auditRetentionMonths'],
    ['art-22: no audit retention', (d) => void delete d['auditRetentionMonths'], 'auditRetentionMonths'],
    ['an unknown purpose', (d) => void (d['purposes'] = ['ADMINISTRATIVE_BASIS', 'MARKETING']), 'purposes.1'],
    ['a purpose twice', (d) => void (d['purposes'] = ['WORK_REFERENCE', 'WORK_REFERENCE']), 'purposes: a purpose is listed twice'],
    ['no purpose', (d) => void (d['purposes'] = []), 'purposes'],
    ['a default validity beyond the longest', (d) => void (d['grantValidity'] = { defaultDays: 400, maxDays: 365 }), 'grantValidity.defaultDays'],
    ['a validity over ten years', (d) => void (d['grantValidity'] = { defaultDays: 365, maxDays: 4000 }), 'grantValidity.maxDays'],
    [
      'the city before the coordination office',
      (d) => void (d['escalation'] = [{ step: 'CITY_LEADING_GROUP' }, { step: 'COORDINATION_OFFICE' }]),
      'escalation: steps',
    ],
    ['no coordination office', (d) => void (d['escalation'] = [{ step: 'NEGOTIATION', workingDays: 10 }]), 'escalation: steps'],
    [
      'a negotiation without its deadline',
      (d) => void (d['escalation'] = [{ step: 'NEGOTIATION' }, { step: 'COORDINATION_OFFICE' }]),
      'escalation.0.workingDays',
    ],
    ['another working calendar', (d) => void (d['workingCalendar'] = 'weekends'), 'workingCalendar'],
    [
      'another name than asked for',
      (d) => void (d['name'] = 'provincial-two-step'),
      'name: the profile calls itself "provincial-two-step", not "zhoucun-2018"',
    ],
  ])('when a profile holds %s, then it is refused naming the place', (_name, change, problem) => {
    const reading = variant(change);
    expect(reading.ok).toBe(false);
    expect(reading.ok ? [] : reading.problems.join('\n')).toContain(problem);
  });

  it('when the document is not an object, then it is refused', () => {
    expect(readRegulationProfile('zhoucun-2018', null).ok).toBe(false);
    expect(readRegulationProfile('zhoucun-2018', 'zhoucun-2018').ok).toBe(false);
  });
});
