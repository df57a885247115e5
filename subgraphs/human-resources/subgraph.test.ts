import { describe, expect, it } from 'vitest';
import { ageAt } from '../shared/data-as-of.ts';
import { DEMO, district } from '../shared/district.ts';
import { entitiesQuery, setupSubgraph } from '../shared/test-harness.ts';
import { humanResources } from './definition.ts';
import { createSocialInsuranceStore } from './store.ts';

const residentRepresentations = (ids: string[]) => ids.map((citizenId) => ({ __typename: 'Resident', citizenId }));

describe('human-resources subgraph', () => {
  it('when the demo resident is resolved, then her pension and insurance record are returned', async () => {
    const subgraph = await setupSubgraph(humanResources);
    const { statusCode, body } = await subgraph.post(
      entitiesQuery(
        'Resident',
        'citizenId pensionStatus monthlyPension socialInsurance { insuredSince contributionMonths insuranceKinds currentEmployer { creditCode } }',
      ),
      { representations: residentRepresentations([DEMO.resident]) },
    );
    expect(statusCode).toBe(200);
    expect(body).toEqual({
      data: {
        _entities: [
          {
            citizenId: DEMO.resident,
            pensionStatus: 'RECEIVING',
            monthlyPension: 2860.5,
            socialInsurance: {
              insuredSince: '2005-07-01',
              contributionMonths: 216,
              insuranceKinds: ['职工基本养老保险', '职工基本医疗保险'],
              currentEmployer: null,
            },
          },
        ],
      },
    });
  });

  it('when several residents are resolved as entities, then they come back in order from one store lookup', async () => {
    const subgraph = await setupSubgraph(humanResources);
    const child = district().residents.find((person) => ageAt(person.birthDate) < 16)!;
    const ids = [child.citizenId, DEMO.resident, DEMO.legalRepresentative];
    const { body } = await subgraph.post(entitiesQuery('Resident', 'citizenId pensionStatus monthlyPension'), {
      representations: residentRepresentations(ids),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities.map((entity: { citizenId: string }) => entity.citizenId)).toEqual(ids);
    expect(body.data._entities[0]).toEqual({ citizenId: child.citizenId, pensionStatus: 'NOT_INSURED', monthlyPension: null });
    expect(body.data._entities[1].monthlyPension).toBe(2860.5);
    expect(subgraph.storeCalls('findInsuredPersons')).toEqual([[ids]]);
  });

  it('when the register is built, then everyone over 60 receives a pension and only pensioners have one', () => {
    const store = createSocialInsuranceStore();
    const residents = district().residents;
    const records = store.findInsuredPersons(residents.map((person) => person.citizenId));
    records.forEach((record, i) => {
      if (ageAt(residents[i]!.birthDate) >= 60) expect(record).toMatchObject({ pensionStatus: 'RECEIVING', monthlyPension: expect.any(Number) });
      if (record!.pensionStatus !== 'RECEIVING') expect(record!.monthlyPension).toBeNull();
    });
    const adults = records.filter((_, i) => ageAt(residents[i]!.birthDate) >= 18 && ageAt(residents[i]!.birthDate) < 50);
    const contributing = adults.filter((record) => record!.pensionStatus === 'CONTRIBUTING').length;
    expect(contributing / adults.length).toBeGreaterThan(0.8);
  });

  it('when an employer is resolved directly and through an employee, then both give the same insured head count', async () => {
    const subgraph = await setupSubgraph(humanResources);
    const store = createSocialInsuranceStore();
    const [employee] = district()
      .residents.map((person) => store.findInsuredPersons([person.citizenId])[0]!)
      .filter((record) => record.socialInsurance?.employerCreditCode);
    const employer = employee!.socialInsurance!.employerCreditCode!;
    const expected = store.findEmployers([employer])[0]!.insuredEmployees;
    expect(expected).toBeGreaterThan(0);

    const viaEmployee = await subgraph.post(entitiesQuery('Resident', 'socialInsurance { currentEmployer { creditCode insuredEmployees } }'), {
      representations: residentRepresentations([employee!.citizenId]),
    });
    expect(viaEmployee.body.data._entities[0].socialInsurance.currentEmployer).toEqual({ creditCode: employer, insuredEmployees: expected });
    const direct = await subgraph.post(entitiesQuery('Enterprise', 'creditCode insuredEmployees'), {
      representations: [
        { __typename: 'Enterprise', creditCode: employer },
        { __typename: 'Enterprise', creditCode: DEMO.enterprise },
      ],
    });
    expect(direct.body.data._entities[0]).toEqual({ creditCode: employer, insuredEmployees: expected });
    expect(subgraph.storeCalls('findEmployers')).toEqual([[[employer]], [[employer, DEMO.enterprise]]]);
  });

  it('when the pension standard of a year is asked for, then the published standard or null is returned', async () => {
    const subgraph = await setupSubgraph(humanResources);
    const { body } = await subgraph.post('{ y2026: pensionStandard(year: 2026) y2018: pensionStandard(year: 2018) y1990: pensionStandard(year: 1990) }');
    expect(body).toEqual({ data: { y2026: 240, y2018: 118, y1990: null } });
  });

  it('when an entity representation carries an invalid citizen ID, then the error is BAD_USER_INPUT and the store is not asked', async () => {
    const subgraph = await setupSubgraph(humanResources);
    const { body } = await subgraph.post(entitiesQuery('Resident', 'pensionStatus'), { representations: residentRepresentations(['370306198513450122']) });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain('not a valid birth date');
    expect(subgraph.storeCalls('findInsuredPersons')).toEqual([]);
  });

  it('when a call carries no gateway signature, then it is refused with 401', async () => {
    const subgraph = await setupSubgraph(humanResources);
    const { statusCode, body } = await subgraph.post('{ pensionStandard(year: 2026) }', {}, { token: null });
    expect(statusCode).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
