/**
 * What the regulation profile tests share: the access request as they read it, the four parties of
 * art. 13 (requester, provider administrators, coordination office) and the actions recorded for a
 * request in the governance event chain.
 */
import { expect } from 'vitest';
import { DEMO } from '../../subgraphs/shared/district.ts';
import type { GraphQLBody, TestPlatform } from './test-platform.ts';

export { DEMO };

export const STEP_FIELDS =
  'id status dueDate dueDateProvisional overdue regulationProfile negotiationOutcome negotiationText referralReason cityDecision grants { kind field basis live }';

export interface RequestView {
  id: string;
  status: string;
  dueDate: string;
  dueDateProvisional: boolean;
  overdue: boolean;
  regulationProfile: string;
  negotiationOutcome: string | null;
  negotiationText: string | null;
  referralReason: string | null;
  cityDecision: string | null;
  grants: Array<{ kind: string; field: string; basis: string | null; live: boolean }>;
}

export function answer(body: GraphQLBody, field: string): RequestView {
  expect(body.errors).toBeUndefined();
  return body.data?.[field] as RequestView;
}

/** The actions recorded for one request, in the chain's order. */
export async function actionsOf(platform: TestPlatform, id: string): Promise<string[]> {
  const rows = await platform.store.db.selectFrom('governance_events').select('action').where('subject_id', '=', id).orderBy('seq').execute();
  return rows.map((row) => row.action);
}

export function clients(platform: TestPlatform) {
  return {
    civil: () => platform.client({ dept: 'civil-affairs', app: 'means-test' }),
    hrAdmin: () => platform.client({ dept: 'human-resources', app: 'human-resources-admin', roles: ['consumer', 'provider-admin'] }),
    psAdmin: () => platform.client({ dept: 'public-security', app: 'public-security-admin', roles: ['provider-admin'] }),
    office: () => platform.client({ dept: 'info-center', app: 'info-center-admin', roles: ['platform-admin'] }),
    reader: (purpose: string) => platform.client({ dept: 'civil-affairs', app: 'means-test', purpose }),
  };
}

export async function apply(platform: TestPlatform, fields: string[], purpose = 'ADMINISTRATIVE_BASIS'): Promise<RequestView> {
  const { body } = await clients(platform)
    .civil()
    .query(
      `mutation($fields: [String!]!, $purpose: Purpose!) { requestAccess(input: { fields: $fields, purpose: $purpose, justification: "最低生活保障资格审核" }) { ${STEP_FIELDS} } }`,
      {
        fields,
        purpose,
      },
    );
  return answer(body, 'requestAccess');
}

export const mutate = async (client: ReturnType<ReturnType<typeof clients>['civil']>, field: string, document: string, variables: Record<string, unknown>) =>
  answer((await client.query(document, variables)).body, field);
