import { describe, expect, it } from 'vitest';
import type { Consumer } from '../types.ts';
import { checkAdministratorChange } from './check-administrator-change.ts';

const operator: Consumer = { app: 'info-center-admin', dept: 'info-center', roles: ['platform-admin'] };
const departments = ['human-resources', 'info-center'];
const problem = (verdict: ReturnType<typeof checkAdministratorChange>) => (verdict.ok ? 'ok' : `${verdict.problem}: ${verdict.message}`);
const change = (appoint: boolean, user: string, reason = '人事调整') => ({ appoint, dept: 'human-resources', user, reason });

describe('art-21: the registry of sharing administrators', () => {
  it('art-21: when the operator appoints or removes an administrator with a reason, then it is accepted', () => {
    expect(checkAdministratorChange(operator, change(true, 'hr-deputy'), departments, ['human-resources-admin']).ok).toBe(true);
    expect(checkAdministratorChange(operator, change(false, 'human-resources-admin'), departments, ['human-resources-admin', 'hr-deputy']).ok).toBe(true);
  });

  it('art-21: when anyone but the operator changes the list, then FORBIDDEN', () => {
    const providerAdmin: Consumer = { app: 'human-resources-admin', dept: 'human-resources', roles: ['provider-admin'] };
    expect(problem(checkAdministratorChange(providerAdmin, change(true, 'hr-deputy'), departments, ['human-resources-admin']))).toBe(
      'FORBIDDEN: Only the platform operator (platform-admin) keeps the registry of sharing administrators (art. 21)',
    );
  });

  it('art-21: when the reason is missing or the department unknown, then BAD_USER_INPUT', () => {
    expect(problem(checkAdministratorChange(operator, change(true, 'hr-deputy', '  '), departments, []))).toBe(
      'BAD_USER_INPUT: Say why the list of sharing administrators changes',
    );
    expect(problem(checkAdministratorChange(operator, { ...change(true, 'x'), dept: 'tax' }, departments, []))).toBe('BAD_USER_INPUT: Unknown department tax');
  });

  it('art-21: when the list would not change, or would be left empty, then CONFLICT', () => {
    expect(problem(checkAdministratorChange(operator, change(true, 'human-resources-admin'), departments, ['human-resources-admin']))).toBe(
      'CONFLICT: human-resources-admin is already a sharing administrator of human-resources',
    );
    expect(problem(checkAdministratorChange(operator, change(false, 'hr-deputy'), departments, ['human-resources-admin']))).toBe(
      'CONFLICT: hr-deputy is not a sharing administrator of human-resources',
    );
    expect(problem(checkAdministratorChange(operator, change(false, 'human-resources-admin'), departments, ['human-resources-admin']))).toBe(
      'CONFLICT: human-resources-admin is the last sharing administrator of human-resources: appoint the successor first (art. 21)',
    );
  });
});
