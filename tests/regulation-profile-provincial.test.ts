/**
 * The regulation profile provincial-two-step end to end over HTTP, on embedded PGlite and on the
 * machine's real PostgreSQL: the operator checks compliance first (2 working days), then the provider
 * answers in 5 working days (10 when it must first publish); a refusal is negotiated before the
 * coordination office decides, and there is no referral to the city.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { requireShippedProfile } from '../policies/regulation-profiles.ts';
import { verifyGovernanceEvents } from '../subgraphs/info-center/governance-event-chain.ts';
import { actionsOf, apply, clients, mutate, STEP_FIELDS } from './support/access-request-steps.ts';
import { STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { failure, startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

describe.each(STORE_BACKENDS)('regulation profile provincial-two-step on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(
    async () =>
      void ({ platform, database } = await startStoreBackedPlatform(createDatabase, { regulationProfile: requireShippedProfile('provincial-two-step') })),
  );
  afterAll(() => stopStoreBackedPlatform(platform, database));
  const as = () => clients(platform);

  it('when REGULATION_PROFILE names provincial-two-step, then governance says so: a compliance check of 2 working days, answers of 5 or 10, no city referral', async () => {
    const { body } = await as()
      .civil()
      .query('{ regulationProfile { name complianceCheckWorkingDays providerAnswerWorkingDays providerAnswerIfPublicationNeededWorkingDays escalation } }');
    expect(body.data?.['regulationProfile']).toEqual({
      name: 'provincial-two-step',
      complianceCheckWorkingDays: 2,
      providerAnswerWorkingDays: 5,
      providerAnswerIfPublicationNeededWorkingDays: 10,
      escalation: ['NEGOTIATION', 'COORDINATION_OFFICE'],
    });
  });

  it('when a request is made, then the operator checks its compliance within 2 working days, and then the provider answers within 5 working days for items already shared', async () => {
    onTestFinished(() => platform.governanceClock.reset());
    platform.governanceClock.set('2026-09-21T10:00:00+08:00'); // Monday
    const request = await apply(platform, ['Resident.monthlyPension'], 'DATA_VERIFICATION');
    expect(request).toMatchObject({ status: 'COMPLIANCE_CHECK', dueDate: '2026-09-23', regulationProfile: 'provincial-two-step' });
    const early = await as().hrAdmin().query('mutation($id: ID!) { decideAccessRequest(id: $id, approve: true) { status } }', { id: request.id });
    expect(failure(early.body)?.code).toBe('CONFLICT');
    const byProvider = await as().hrAdmin().query('mutation($id: ID!) { checkCompliance(id: $id, pass: true) { status } }', { id: request.id });
    expect(failure(byProvider.body)?.code).toBe('FORBIDDEN');

    platform.governanceClock.set('2026-09-22T10:00:00+08:00');
    const passed = await mutate(
      as().office(),
      'checkCompliance',
      `mutation($id: ID!) { checkCompliance(id: $id, pass: true, reason: "用途与履职相符") { ${STEP_FIELDS} } }`,
      {
        id: request.id,
      },
    );
    // 5 working days from Tuesday 22 September, Friday 25 September off.
    expect(passed).toMatchObject({ status: 'PENDING', dueDate: '2026-09-30' });
    const approved = await mutate(
      as().hrAdmin(),
      'decideAccessRequest',
      `mutation($id: ID!) { decideAccessRequest(id: $id, approve: true) { ${STEP_FIELDS} } }`,
      {
        id: request.id,
      },
    );
    expect(approved.status).toBe('APPROVED');
    expect(await actionsOf(platform, request.id)).toEqual(['submitted', 'compliance-passed', 'approved']);
  });

  it('when the provider must first publish the items, then its answer is due in 10 working days; a compliance check crossing an unknown year is provisional', async () => {
    onTestFinished(() => platform.governanceClock.reset());
    platform.governanceClock.set('2026-09-22T10:00:00+08:00');
    const request = await apply(platform, ['Resident.pensionStatus'], 'DATA_VERIFICATION');
    const passed = await mutate(
      as().office(),
      'checkCompliance',
      `mutation($id: ID!) { checkCompliance(id: $id, pass: true, publicationNeeded: true) { ${STEP_FIELDS} publicationNeeded } }`,
      { id: request.id },
    );
    // 10 working days from 22 September: 1–7 October off, Saturday 10 October worked (调休).
    expect(passed).toMatchObject({ status: 'PENDING', dueDate: '2026-10-13', publicationNeeded: true });

    platform.governanceClock.set('2026-12-31T10:00:00+08:00');
    const late = await apply(platform, ['Enterprise.insuredEmployees'], 'DATA_VERIFICATION');
    expect(late).toMatchObject({ status: 'COMPLIANCE_CHECK', dueDateProvisional: true });
  });

  it('when the operator finds a request not compliant, then it must say why, and the request ends there', async () => {
    const request = await apply(platform, ['Resident.socialInsurance'], 'WORK_REFERENCE');
    const noReason = await as().office().query('mutation($id: ID!) { checkCompliance(id: $id, pass: false) { status } }', { id: request.id });
    expect(failure(noReason.body)).toEqual({ code: 'BAD_USER_INPUT', message: 'A request found not compliant must be told why' });
    const refused = await as()
      .office()
      .query(
        'mutation($id: ID!) { checkCompliance(id: $id, pass: false, reason: "工作参考用途不需参保明细") { status complianceReason complianceCheckedBy } }',
        {
          id: request.id,
        },
      );
    expect(refused.body.data?.['checkCompliance']).toEqual({
      status: 'COMPLIANCE_REFUSED',
      complianceReason: '工作参考用途不需参保明细',
      complianceCheckedBy: 'info-center-admin',
    });
    const escalate = await as().civil().query('mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "确需") { status } }', { id: request.id });
    expect(failure(escalate.body)?.code).toBe('CONFLICT');
  });

  it('when the provider refuses, then the two departments negotiate before the coordination office decides; there is no referral to the city', async () => {
    const request = await apply(platform, ['Resident.householdRelation'], 'ADMINISTRATIVE_BASIS');
    await mutate(as().office(), 'checkCompliance', 'mutation($id: ID!) { checkCompliance(id: $id, pass: true) { status } }', { id: request.id });
    await mutate(
      as().psAdmin(),
      'decideAccessRequest',
      'mutation($id: ID!) { decideAccessRequest(id: $id, approve: false, reason: "户籍关系不予共享") { status } }',
      {
        id: request.id,
      },
    );
    const negotiating = await mutate(
      as().civil(),
      'escalateAccessRequest',
      'mutation($id: ID!) { escalateAccessRequest(id: $id, reason: "确需") { status } }',
      {
        id: request.id,
      },
    );
    expect(negotiating.status).toBe('NEGOTIATING');
    await mutate(as().psAdmin(), 'recordNegotiation', 'mutation($id: ID!) { recordNegotiation(id: $id, outcome: FAILED, text: "协商未果") { status } }', {
      id: request.id,
    });
    const refer = await as().office().query('mutation($id: ID!) { referToCity(id: $id, reason: "报请") { status } }', { id: request.id });
    expect(failure(refer.body)).toEqual({
      code: 'CONFLICT',
      message: 'The regulation profile provincial-two-step has no referral to the city leading group: the coordination office decides',
    });
    const closed = await mutate(as().office(), 'closeEscalation', 'mutation($id: ID!) { closeEscalation(id: $id, reason: "不予共享理由成立") { status } }', {
      id: request.id,
    });
    expect(closed.status).toBe('CLOSED');
    expect(await verifyGovernanceEvents(platform.store.db)).toMatchObject({ ok: true });
  });
});
