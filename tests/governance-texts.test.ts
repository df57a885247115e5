/**
 * Every text argument of every governance operation, sent its worst values over HTTP on PGlite and
 * on real PostgreSQL: a huge text, control and bidi characters, NUL (which PostgreSQL cannot hold).
 * Each is refused with BAD_USER_INPUT naming the argument — never an internal error — and nothing
 * is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, chinaDate } from '../policies/governance/china-date.ts';
import { countGovernanceEvents, STORE_BACKENDS, type TestDatabase } from './support/databases.ts';
import { startStoreBackedPlatform, stopStoreBackedPlatform, type TestPlatform } from './support/test-platform.ts';

const WORST: ReadonlyArray<[string, string]> = [
  // Longer than any governance text may be, yet inside the request body limit (a larger body is refused whole, 413).
  ['huge', '审'.repeat(20_000)],
  ['NUL', '低保\u0000审核'],
  ['control', '低保\u001b[2J审核'],
  ['bidi override', '低保\u202e核审'],
];

interface Operation {
  document: string;
  variables: Record<string, unknown>;
  /** Variables holding texts (a list variable: its first item), with the argument path the error names. */
  texts: Record<string, string>;
}

const id = '00000000-0000-4000-8000-000000000000';
const soon = addCalendarDays(chinaDate(new Date()), 30);

const OPERATIONS: Record<string, Operation> = {
  requestAccess: {
    document:
      'mutation($fields: [String!]!, $matter: String, $justification: String!) { requestAccess(input: { fields: $fields, purpose: WORK_REFERENCE, matter: $matter, justification: $justification }) { id } }',
    variables: { fields: ['Resident.householdAddress'], matter: '食品经营许可审批', justification: '核验' },
    texts: { fields: 'input.fields', matter: 'input.matter', justification: 'input.justification' },
  },
  decideAccessRequest: {
    document:
      'mutation($id: ID!, $reason: String, $fields: [String!]) { decideAccessRequest(id: $id, approve: false, reason: $reason, fields: $fields) { id } }',
    variables: { id, reason: '超出履职需要', fields: ['Resident.householdAddress'] },
    texts: { id: 'id', reason: 'reason', fields: 'fields' },
  },
  revokeGrant: {
    document: 'mutation($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id } }',
    variables: { id, reason: '办结' },
    texts: { id: 'id', reason: 'reason' },
  },
  escalateAccessRequest: {
    document: 'mutation($id: ID!, $reason: String!) { escalateAccessRequest(id: $id, reason: $reason) { id } }',
    variables: { id, reason: '确需' },
    texts: { id: 'id', reason: 'reason' },
  },
  closeEscalation: {
    document: 'mutation($id: ID!, $reason: String!) { closeEscalation(id: $id, reason: $reason) { id } }',
    variables: { id, reason: '不予提供' },
    texts: { id: 'id', reason: 'reason' },
  },
  grantException: {
    document:
      'mutation($department: String!, $fields: [String!]!, $basis: String!, $reason: String!, $requestId: ID) { grantException(input: { department: $department, fields: $fields, purpose: WORK_REFERENCE, validUntil: "' +
      soon +
      '", basis: $basis, reason: $reason, requestId: $requestId }) { id } }',
    variables: { department: 'approval', fields: ['Resident.criminalRecord'], basis: '依据', reason: '裁定', requestId: id },
    texts: { department: 'input.department', fields: 'input.fields', basis: 'input.basis', reason: 'input.reason', requestId: 'input.requestId' },
  },
  checkCompliance: {
    document: 'mutation($id: ID!, $reason: String) { checkCompliance(id: $id, pass: false, reason: $reason) { id } }',
    variables: { id, reason: '用途不符' },
    texts: { id: 'id', reason: 'reason' },
  },
  recordNegotiation: {
    document: 'mutation($id: ID!, $text: String!, $fields: [String!]) { recordNegotiation(id: $id, outcome: AGREED, text: $text, fields: $fields) { id } }',
    variables: { id, text: '同意', fields: ['Resident.householdAddress'] },
    texts: { id: 'id', text: 'text', fields: 'fields' },
  },
  referToCity: {
    document: 'mutation($id: ID!, $reason: String!) { referToCity(id: $id, reason: $reason) { id } }',
    variables: { id, reason: '报请' },
    texts: { id: 'id', reason: 'reason' },
  },
  enterCityDecision: {
    document:
      'mutation($id: ID!, $decision: String!, $fields: [String!]) { enterCityDecision(id: $id, approve: true, decision: $decision, fields: $fields) { id } }',
    variables: { id, decision: '同意', fields: ['Resident.householdAddress'] },
    texts: { id: 'id', decision: 'decision', fields: 'fields' },
  },
  reportDispute: {
    document:
      'mutation($field: String!, $entityKey: String!, $description: String!, $evidence: String!) { reportDispute(input: { field: $field, entityKey: $entityKey, description: $description, evidence: $evidence }) { id } }',
    variables: { field: 'Resident.name', entityKey: '370306198503120122', description: '姓名有误', evidence: '户口簿' },
    texts: { field: 'input.field', entityKey: 'input.entityKey', description: 'input.description', evidence: 'input.evidence' },
  },
  answerDispute: {
    document: 'mutation($id: ID!, $answer: String!) { answerDispute(id: $id, answer: $answer, outcome: CONFIRMED) { id } }',
    variables: { id, answer: '无误' },
    texts: { id: 'id', answer: 'answer' },
  },
  reviewCatalogItem: {
    document:
      'mutation($coordinate: String!, $override: CatalogOverrideInput!, $reason: String!) { reviewCatalogItem(coordinate: $coordinate, override: $override, reason: $reason) { coordinate } }',
    variables: {
      coordinate: 'Resident.name',
      override: {
        abstract: '姓名',
        classification: 'BASE',
        format: 'JSON',
        shareMethod: 'INTERFACE',
        updateCycle: 'DAILY',
        shareCondition: '无',
        relatedResources: ['Enterprise'],
      },
      reason: '复核',
    },
    texts: {
      coordinate: 'coordinate',
      reason: 'reason',
      ...Object.fromEntries(
        ['abstract', 'classification', 'format', 'shareMethod', 'updateCycle', 'shareCondition', 'relatedResources'].map((key) => [
          `override.${key}`,
          `override.${key}`,
        ]),
      ),
    },
  },
  appointSharingAdministrator: {
    document:
      'mutation($department: String!, $user: String!, $reason: String!) { appointSharingAdministrator(department: $department, user: $user, reason: $reason) { code } }',
    variables: { department: 'approval', user: 'approval-deputy', reason: '任命' },
    texts: { department: 'department', user: 'user', reason: 'reason' },
  },
  removeSharingAdministrator: {
    document:
      'mutation($department: String!, $user: String!, $reason: String!) { removeSharingAdministrator(department: $department, user: $user, reason: $reason) { code } }',
    variables: { department: 'approval', user: 'approval-admin', reason: '免职' },
    texts: { department: 'department', user: 'user', reason: 'reason' },
  },
  registerWebhook: {
    document: 'mutation($department: String!, $url: String!) { registerWebhook(department: $department, url: $url) { secret } }',
    variables: { department: 'approval', url: 'http://10.1.2.3/hooks' },
    texts: { department: 'department', url: 'url' },
  },
  rotateWebhookSecret: {
    document: 'mutation($department: String!) { rotateWebhookSecret(department: $department) { secret } }',
    variables: { department: 'approval' },
    texts: { department: 'department' },
  },
  removeWebhook: {
    document: 'mutation($department: String!) { removeWebhook(department: $department) { url } }',
    variables: { department: 'approval' },
    texts: { department: 'department' },
  },
  markNotificationsRead: {
    document: 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }',
    variables: { ids: ['1', '2'] },
    texts: { ids: 'ids' },
  },
  notifications: {
    document: 'query($after: String) { notifications(after: $after) { unread } }',
    variables: { after: '1' },
    texts: { after: 'after' },
  },
  webhookDeliveries: {
    document: 'query($department: String, $after: String) { webhookDeliveries(department: $department, after: $after) { nextCursor } }',
    variables: { department: 'approval', after: '1' },
    texts: { department: 'department', after: 'after' },
  },
  accessRequest: { document: 'query($id: ID!) { accessRequest(id: $id) { id } }', variables: { id }, texts: { id: 'id' } },
  catalog: {
    document: 'query($provider: String, $resource: String) { catalog(provider: $provider, resource: $resource) { coordinate } }',
    variables: { provider: 'approval', resource: 'Resident' },
    texts: { provider: 'provider', resource: 'resource' },
  },
  auditRecords: {
    document: 'query($filter: AuditFilter, $after: String) { auditRecords(filter: $filter, after: $after) { nextCursor } }',
    variables: {
      filter: {
        from: '2026-01-01T00:00:00Z',
        to: '2027-01-01T00:00:00Z',
        department: 'approval',
        provider: 'approval',
        field: 'Resident.name',
        outcome: 'SERVED',
      },
      after: `2026-06-01T00:00:00.000Z|1`,
    },
    texts: {
      after: 'after',
      ...Object.fromEntries(['from', 'to', 'department', 'provider', 'field', 'outcome'].map((key) => [`filter.${key}`, `filter.${key}`])),
    },
  },
  dataUsage: {
    document: 'query($from: String!, $to: String!) { dataUsage(from: $from, to: $to, groupBy: [CONSUMER]) { requests } }',
    variables: { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
    texts: { from: 'from', to: 'to' },
  },
  simulatePolicyChange: {
    document:
      'query($department: String!, $items: [String!]!, $attribute: String!, $anyOf: [String!]!) { simulatePolicyChange(days: 7, change: { grant: { department: $department, items: $items, purpose: WORK_REFERENCE, condition: [{ attribute: $attribute, anyOf: $anyOf }] } }) { replayed } }',
    variables: { department: 'approval', items: ['Resident.householdAddress'], attribute: 'householdSubdistrict', anyOf: ['大街街道'] },
    texts: {
      department: 'change.grant.department',
      items: 'change.grant.items',
      attribute: 'change.grant.condition.attribute',
      anyOf: 'change.grant.condition.anyOf',
    },
  },
  'simulatePolicyChange (revoke)': {
    document: 'query($grantId: ID!) { simulatePolicyChange(days: 7, change: { revoke: { grantId: $grantId } }) { replayed } }',
    variables: { grantId: 'grant-demo-civil-affairs-pension' },
    texts: { grantId: 'change.revoke.grantId' },
  },
  evaluationReport: {
    document: 'query($department: String!) { evaluationReport(department: $department, from: "2026-01-01", to: "2026-12-31") { department } }',
    variables: { department: 'approval' },
    texts: { department: 'department' },
  },
  rectificationNotices: {
    document: 'query($department: String) { rectificationNotices(department: $department) { id } }',
    variables: { department: 'approval' },
    texts: { department: 'department' },
  },
  issueRectificationNotice: {
    document:
      'mutation($department: String!, $examples: [String!], $text: String!) { issueRectificationNotice(department: $department, kind: REQUEST_ANSWERED_LATE, examples: $examples, text: $text) { id } }',
    variables: { department: 'approval', examples: ['req-1'], text: '请整改' },
    texts: { department: 'department', examples: 'examples', text: 'text' },
  },
  recordRectification: {
    document: 'mutation($id: ID!, $action: String!) { recordRectification(id: $id, action: $action) { id } }',
    variables: { id, action: '已整改' },
    texts: { id: 'id', action: 'action' },
  },
};

/** The variables with the text at `path` (`a` or `a.b`; a list: its first item) replaced by `value`. */
function withText(variables: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const [head, inner] = path.split('.') as [string, string | undefined];
  const current = variables[head];
  if (inner) return { ...variables, [head]: withText(current as Record<string, unknown>, inner, value) };
  return { ...variables, [head]: Array.isArray(current) ? [value, ...current.slice(1)] : value };
}

describe.each(STORE_BACKENDS)('governance texts on %s', (_backend, createDatabase) => {
  let platform: TestPlatform;
  let database: TestDatabase;
  beforeAll(async () => void ({ platform, database } = await startStoreBackedPlatform(createDatabase)));
  afterAll(() => stopStoreBackedPlatform(platform, database));

  const operator = () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] });
  const countEvents = () => countGovernanceEvents(platform.store.db);

  for (const [name, operation] of Object.entries(OPERATIONS)) {
    it(`when ${name} is sent the worst value in each of its texts, then BAD_USER_INPUT names the argument, and nothing is recorded`, async () => {
      const before = await countEvents();
      for (const [variable, argument] of Object.entries(operation.texts)) {
        for (const [kind, value] of WORST) {
          const { body } = await operator().query(operation.document, withText(operation.variables, variable, value));
          expect({
            kind,
            argument,
            errors: body.errors?.map((e) => ({ code: e.extensions?.['code'], argumentNamed: e.message.startsWith(`${argument} `) })),
          }).toEqual({
            kind,
            argument,
            errors: [{ code: 'BAD_USER_INPUT', argumentNamed: true }],
          });
        }
      }
      expect(await countEvents()).toBe(before);
    });
  }

  it('when a text is at its limit, then it is accepted', async () => {
    const { body } = await platform
      .client({ dept: 'civil-affairs', app: 'means-test' })
      .query(
        'mutation($matter: String, $justification: String!) { requestAccess(input: { fields: ["Resident.householdAddress"], purpose: WORK_REFERENCE, matter: $matter, justification: $justification }) { matter justification } }',
        { matter: '事'.repeat(128), justification: '审\n'.repeat(1000) },
      );
    expect(body.errors).toBeUndefined();
    expect(body.data?.['requestAccess']).toEqual({ matter: '事'.repeat(128), justification: '审\n'.repeat(1000).trim() });
  });
});
