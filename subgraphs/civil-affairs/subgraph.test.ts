import { describe, expect, it } from 'vitest';
import { DATA_AS_OF } from '../shared/data-as-of.ts';
import { DEMO, district } from '../shared/district.ts';
import { entitiesQuery, setupSubgraph } from '../shared/test-harness.ts';
import { civilAffairs } from './definition.ts';
import { createCivilAffairsStore } from './store.ts';

const residents = (ids: string[]) => ids.map((citizenId) => ({ __typename: 'Resident', citizenId }));

describe('civil-affairs subgraph', () => {
  it('when the demo resident is resolved, then her marriage to the demo legal representative is registered', async () => {
    const subgraph = await setupSubgraph(civilAffairs);
    const { statusCode, body } = await subgraph.post(
      entitiesQuery(
        'Resident',
        'citizenId maritalStatus marriageRegistrations { registrationNo kind registeredOn registeredBy spouse { citizenId } } subsistenceAllowance { status }',
      ),
      { representations: residents([DEMO.resident]) },
    );
    expect(statusCode).toBe(200);
    expect(body.data._entities).toEqual([
      {
        citizenId: DEMO.resident,
        maritalStatus: 'MARRIED',
        marriageRegistrations: [
          {
            registrationNo: 'J370306-2009-000001',
            kind: 'MARRIAGE',
            registeredOn: '2009-10-08',
            registeredBy: '淄博市周村区民政局婚姻登记处',
            spouse: { citizenId: DEMO.legalRepresentative },
          },
        ],
        subsistenceAllowance: null,
      },
    ]);
  });

  it('when several residents are resolved as entities, then they come back in order from one store lookup', async () => {
    const subgraph = await setupSubgraph(civilAffairs);
    const ids = [DEMO.legalRepresentative, district().residents[10]!.citizenId, DEMO.resident];
    const { body } = await subgraph.post(entitiesQuery('Resident', 'citizenId maritalStatus marriageRegistrations { spouse { citizenId } }'), {
      representations: residents(ids),
    });
    const expected = createCivilAffairsStore().findCivilRecords(ids);
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual(
      expected.map((record) => ({
        citizenId: record!.citizenId,
        maritalStatus: record!.maritalStatus,
        marriageRegistrations: record!.marriageRegistrations.map((entry) => ({ spouse: entry.spouseCitizenId && { citizenId: entry.spouseCitizenId } })),
      })),
    );
    expect(body.data._entities[0].marriageRegistrations).toEqual([{ spouse: { citizenId: DEMO.resident } }]);
    expect(subgraph.storeCalls('findCivilRecords')).toEqual([[ids]]);
  });

  it('when the register is built, then every spouse holds the same registration back and no date is later than the data', () => {
    const records = createCivilAffairsStore().findCivilRecords(district().residents.map((person) => person.citizenId));
    const byId = new Map(records.map((record) => [record!.citizenId, record!]));
    for (const record of records) {
      const entries = record!.marriageRegistrations;
      expect(entries.length > 0).toBe(record!.maritalStatus !== 'UNMARRIED');
      for (const entry of entries) {
        expect(entry.registeredOn <= DATA_AS_OF).toBe(true);
        if (entry.spouseCitizenId)
          expect(byId.get(entry.spouseCitizenId)!.marriageRegistrations).toContainEqual({ ...entry, spouseCitizenId: record!.citizenId });
      }
      if (record!.maritalStatus === 'DIVORCED') expect(entries.map((entry) => entry.kind)).toEqual(['MARRIAGE', 'DIVORCE']);
    }
  });

  it('when the subsistence allowance standard is asked for, then the urban and rural standards of the year are returned', async () => {
    const subgraph = await setupSubgraph(civilAffairs);
    const { body } = await subgraph.post(
      '{ urban: subsistenceAllowanceStandard(year: 2026) rural: subsistenceAllowanceStandard(year: 2026, rural: true) none: subsistenceAllowanceStandard(year: 2000) }',
    );
    expect(body).toEqual({ data: { urban: 1000, rural: 820, none: null } });
  });

  it('when an entity representation carries an invalid citizen ID, then the error is BAD_USER_INPUT and the store is not asked', async () => {
    const subgraph = await setupSubgraph(civilAffairs);
    const { body } = await subgraph.post(entitiesQuery('Resident', 'maritalStatus'), { representations: residents(['370306198503120121']) });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(subgraph.storeCalls('findCivilRecords')).toEqual([]);
  });

  it('when a call carries no gateway signature, then it is refused with 401', async () => {
    const subgraph = await setupSubgraph(civilAffairs);
    const { statusCode, body } = await subgraph.post('{ subsistenceAllowanceStandard(year: 2026) }', {}, { token: null });
    expect(statusCode).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
  it('when the gateway asks which residents have an open 低保 application, then of those named the demo resident is listed, from one store lookup', async () => {
    const subgraph = await setupSubgraph(civilAffairs);
    const query = 'query($s: [CitizenId!]!) { civilAffairsOpenCases(subjects: $s) }';
    const { body } = await subgraph.post(query, { s: [DEMO.legalRepresentative, DEMO.resident, DEMO.resident] });
    expect(body).toEqual({ data: { civilAffairsOpenCases: [DEMO.resident] } });
    expect(subgraph.storeCalls('findOpenCases')).toEqual([[[DEMO.legalRepresentative, DEMO.resident]]]);
    const records = createCivilAffairsStore().findCivilRecords(district().residents.map((person) => person.citizenId));
    const open = records.filter((record) => record!.openAllowanceApplication !== null).length;
    expect(open).toBeGreaterThan(records.length * 0.02);
    expect(open).toBeLessThan(records.length * 0.1);
  });

  it('when the open-cases question names 1 000 residents, then it is answered; 1 001 or an invalid ID, then BAD_USER_INPUT and the store is not asked', async () => {
    const subgraph = await setupSubgraph(civilAffairs);
    const query = 'query($s: [CitizenId!]!) { civilAffairsOpenCases(subjects: $s) }';
    const many = district()
      .residents.slice(0, 1_001)
      .map((person) => person.citizenId);
    const atTheLimit = await subgraph.post(query, { s: many.slice(0, 1_000) });
    expect(atTheLimit.body.errors).toBeUndefined();
    const held = atTheLimit.body.data?.['civilAffairsOpenCases'] as string[];
    expect(held.length).toBeGreaterThan(0);
    expect(many.slice(0, 1_000)).toEqual(expect.arrayContaining(held));
    for (const s of [many, ['370306198503120121'], ['x'.repeat(100_000)], ['3703061985031201\u0000']]) {
      const { body } = await subgraph.post(query, { s });
      expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    }
    expect(subgraph.storeCalls('findOpenCases')).toEqual([[many.slice(0, 1_000)]]);
  });
});
