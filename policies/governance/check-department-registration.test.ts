import { describe, expect, it } from 'vitest';
import { checkDepartmentRegistration } from './check-department-registration.ts';
import { checkGovernanceArguments } from './check-governance-arguments.ts';
import { actor, outcome } from './harness.ts';

const operator = actor('info-center', 'platform-admin');
const health = {
  code: 'health',
  name: '区卫生健康局',
  orgCode: '11370306004330008X',
  administrators: ['health-admin'],
  reason: '出生医学证明和死亡医学证明信息共享',
};
const registered = ['civil-affairs', 'info-center'];

describe('art-21: the operator registers a department', () => {
  it('art-21: when the operator registers a new department with an administrator and a reason, then it is accepted', () => {
    expect(outcome(checkDepartmentRegistration(operator, health, registered))).toBe('ok');
  });

  it('art-4: when anyone but the operator registers, then FORBIDDEN; a code held already, then CONFLICT', () => {
    expect(outcome(checkDepartmentRegistration(actor('civil-affairs', 'provider-admin'), health, registered))).toBe(
      'FORBIDDEN: Only the platform operator (platform-admin) registers a department (art. 4)',
    );
    expect(outcome(checkDepartmentRegistration(operator, { ...health, code: 'civil-affairs' }, registered))).toBe(
      'CONFLICT: civil-affairs is registered already',
    );
  });

  it('when an argument takes its worst value, then BAD_USER_INPUT', () => {
    const with_ = (over: Partial<typeof health>) => outcome(checkDepartmentRegistration(operator, { ...health, ...over }, registered));
    const badCode = 'BAD_USER_INPUT: code must be 2–40 lowercase letters, digits or hyphens, starting with a letter';
    expect(with_({ code: 'Health' })).toBe(badCode);
    expect(with_({ code: 'h'.repeat(41) })).toBe(badCode);
    expect(with_({ code: '-x' })).toBe(badCode);
    expect(with_({ orgCode: '11370306004330008I' })).toBe('BAD_USER_INPUT: orgCode must be an 18-character unified social credit code (GB 32100)');
    expect(with_({ administrators: [] })).toBe('BAD_USER_INPUT: Name at least one sharing administrator (art. 21)');
    expect(with_({ administrators: Array.from({ length: 11 }, (_, i) => `a${i}`) })).toBe('BAD_USER_INPUT: At most 10 sharing administrators at registration');
    expect(with_({ administrators: ['a', 'a'] })).toBe('BAD_USER_INPUT: An administrator is listed twice');
    expect(with_({ reason: ' ' })).toBe('BAD_USER_INPUT: Say why the department joins the platform');
    expect(outcome(checkGovernanceArguments('registerDepartment', { ...health, name: '局'.repeat(129) }))).toBe(
      'BAD_USER_INPUT: name is too long: at most 128 characters',
    );
    expect(outcome(checkGovernanceArguments('registerDepartment', { ...health, administrators: ['health admin'] }))).toBe(
      'BAD_USER_INPUT: administrators must not contain spaces',
    );
  });
});
