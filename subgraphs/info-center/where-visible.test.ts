/**
 * The visibility scope read two ways — one record at a time (`canSee`, used for look-ups and before
 * every change) and as the where-clause of a listing (`whereVisible`) — must pick the same records.
 * Every placement of an actor against a record's two sides is tried on a real store (PGlite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSee } from '../../policies/governance/can-see.ts';
import type { Consumer, Role } from '../../policies/types.ts';
import { openStore, type Store } from '../../platform/store/database.ts';
import { migrateToLatest } from '../../platform/store/migrate.ts';
import { listAccessRequests } from './access-requests.ts';
import { listDisputes } from './disputes.ts';
import type { GovernanceServices } from './governance-services.ts';
import { DEFAULT_REGULATION_PROFILE, requireShippedProfile } from '../../policies/regulation-profiles.ts';

const DEPARTMENTS = ['civil-affairs', 'human-resources', 'approval', 'info-center'];
const ROLE_SETS: Role[][] = [['consumer'], ['consumer', 'provider-admin'], ['platform-admin']];
const ACTORS: Consumer[] = DEPARTMENTS.flatMap((dept) => ROLE_SETS.map((roles) => ({ app: `${dept}-app`, dept, roles })));
const PAIRS = DEPARTMENTS.flatMap((requestingDept) => DEPARTMENTS.map((provider) => ({ requestingDept, provider, id: `${requestingDept}>${provider}` })));

let store: Store;
let services: GovernanceServices;

beforeAll(async () => {
  store = await openStore({});
  await migrateToLatest(store.db);
  const at = new Date('2026-06-01T02:00:00Z');
  await store.db
    .insertInto('access_requests')
    .values(
      PAIRS.map((pair) => ({
        id: pair.id,
        requesting_dept: pair.requestingDept,
        requested_by: `${pair.requestingDept}-app`,
        provider: pair.provider,
        fields: JSON.stringify(['Resident.monthlyPension']),
        purpose: 'DATA_VERIFICATION',
        matter: null,
        justification: '核验',
        wanted_until: '2026-12-31',
        status: 'PENDING',
        submitted_at: at,
        due_date: '2026-06-15',
        step_started_at: at,
        step_working_days: 10,
      })),
    )
    .execute();
  await store.db
    .insertInto('disputes')
    .values(
      PAIRS.map((pair) => ({
        id: pair.id,
        field: 'Resident.monthlyPension',
        entity_key: '370306198503120122',
        reporting_dept: pair.requestingDept,
        reported_by: `${pair.requestingDept}-app`,
        provider: pair.provider,
        description: '金额不符',
        evidence: '流水',
        status: 'OPEN',
        reported_at: at,
        due_date: '2026-06-08',
      })),
    )
    .execute();
  services = {
    db: store.db,
    catalog: () => new Map(),
    departments: DEPARTMENTS,
    grantMaxValidityDays: 365,
    profile: requireShippedProfile(DEFAULT_REGULATION_PROFILE),
    now: () => at,
    grantsChanged: async () => undefined,
    supergraphSdl: () => '',
    localSubgraphs: [],
    supergraphChanged: async () => undefined,
  };
}, 60_000); // an embedded PostgreSQL and its migrations, on a shared machine

afterAll(async () => store?.close());

describe('art-13: a listing shows exactly the records a look-up would show', () => {
  it.each(ACTORS.map((actor) => [`${actor.dept} as ${actor.roles.join('+')}`, actor] as const))(
    'art-13: when %s lists access requests, then it gets exactly those it can see',
    async (_who, actor) => {
      const listed = (await listAccessRequests(services, actor)).map((row) => row.id).sort();
      expect(listed).toEqual(
        PAIRS.filter((pair) => canSee(actor, pair))
          .map((pair) => pair.id)
          .sort(),
      );
    },
  );

  it.each(ACTORS.map((actor) => [`${actor.dept} as ${actor.roles.join('+')}`, actor] as const))(
    'art-16: when %s lists disputes, then it gets exactly those it can see',
    async (_who, actor) => {
      const listed = (await listDisputes(services, actor)).map((row) => row.id).sort();
      expect(listed).toEqual(
        PAIRS.filter((pair) => canSee(actor, pair))
          .map((pair) => pair.id)
          .sort(),
      );
    },
  );

  it('when the pairs are listed by the operator and by a department, then both see some and the department not all', async () => {
    expect(
      (
        await listAccessRequests(
          services,
          ACTORS.find((actor) => actor.roles.includes('platform-admin'))!,
        )
      ).length,
    ).toBe(PAIRS.length);
    expect((await listAccessRequests(services, ACTORS[0]!)).length).toBe(2 * DEPARTMENTS.length - 1);
  });
});
