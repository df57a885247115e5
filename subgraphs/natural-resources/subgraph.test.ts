import { describe, expect, it } from 'vitest';
import { DEMO, district } from '../shared/district.ts';
import { entitiesQuery, setupSubgraph } from '../shared/test-harness.ts';
import { naturalResources } from './definition.ts';
import { createRealEstateStore } from './store.ts';

const DEMO_CERTIFICATE = '鲁(2019)周村区不动产权第0012345号';
const RIGHT_FIELDS = 'certificateNo location parcelNo area use rightHolderName registeredOn mortgaged seized';

describe('natural-resources subgraph', () => {
  it('when the demo resident is resolved, then her one residential property is listed', async () => {
    const subgraph = await setupSubgraph(naturalResources);
    const { statusCode, body } = await subgraph.post(entitiesQuery('Resident', `citizenId realEstate { ${RIGHT_FIELDS} }`), {
      representations: [{ __typename: 'Resident', citizenId: DEMO.resident }],
    });
    expect(statusCode).toBe(200);
    expect(body.errors).toBeUndefined();
    // one right, hers, residential; every other field is asked for and must resolve, whatever its value
    expect(body.data._entities).toMatchObject([
      { citizenId: DEMO.resident, realEstate: [{ certificateNo: DEMO_CERTIFICATE, use: 'RESIDENTIAL', rightHolderName: '王淑芬' }] },
    ]);
  });

  it('when a right is asked for by certificate number, then it is returned, and an unknown number gives null', async () => {
    const subgraph = await setupSubgraph(naturalResources);
    const { body } = await subgraph.post(
      `query ($no: String!) { known: realEstateRight(certificateNo: $no) { location area use }
        unknown: realEstateRight(certificateNo: "鲁(2019)周村区不动产权第9999999号") { location } }`,
      { no: DEMO_CERTIFICATE },
    );
    expect(body).toEqual({
      data: { known: { location: '山东省淄博市周村区丝绸路街道正阳路128号3号楼2单元401室', area: 98.64, use: 'RESIDENTIAL' }, unknown: null },
    });
  });

  it('when several rights are resolved as entities, then they come back in order from one store lookup', async () => {
    const subgraph = await setupSubgraph(naturalResources);
    const store = createRealEstateStore();
    const enterprise = district().enterprises.find((seed) => store.findRightsByEnterprise([seed.creditCode])[0]!.length > 0)!;
    const enterpriseRight = store.findRightsByEnterprise([enterprise.creditCode])[0]![0]!;
    const numbers = [enterpriseRight.certificateNo, DEMO_CERTIFICATE];
    const { body } = await subgraph.post(entitiesQuery('RealEstateRight', 'certificateNo rightHolderName use'), {
      representations: numbers.map((certificateNo) => ({ __typename: 'RealEstateRight', certificateNo })),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([
      { certificateNo: enterpriseRight.certificateNo, rightHolderName: enterprise.name, use: enterpriseRight.use },
      { certificateNo: DEMO_CERTIFICATE, rightHolderName: '王淑芬', use: 'RESIDENTIAL' },
    ]);
    expect(subgraph.storeCalls('findRights')).toEqual([[numbers]]);
  });

  it('when several enterprises are resolved as entities, then their rights come from one store lookup', async () => {
    const subgraph = await setupSubgraph(naturalResources);
    const store = createRealEstateStore();
    const codes = district()
      .enterprises.slice(0, 5)
      .map((seed) => seed.creditCode);
    const { body } = await subgraph.post(entitiesQuery('Enterprise', 'creditCode realEstate { certificateNo }'), {
      representations: codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })),
    });
    expect(body.data._entities).toEqual(
      codes.map((code) => ({
        creditCode: code,
        realEstate: store.findRightsByEnterprise([code])[0]!.map((right) => ({ certificateNo: right.certificateNo })),
      })),
    );
    expect(subgraph.storeCalls('findRightsByEnterprise')).toEqual([[codes]]);
  });

  it('when certificate numbers are generated, then they are unique and the demo number is reserved', () => {
    const store = createRealEstateStore();
    const all = store.findRightsByResident(district().residents.map((person) => person.citizenId)).flat();
    const numbers = all.map((right) => right.certificateNo);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.filter((number) => number.endsWith('第0012345号'))).toEqual([DEMO_CERTIFICATE]);
  });

  it('when an entity representation carries an invalid citizen ID, then the error is BAD_USER_INPUT and the store is not asked', async () => {
    const subgraph = await setupSubgraph(naturalResources);
    const { body } = await subgraph.post(entitiesQuery('Resident', 'realEstate { certificateNo }'), {
      representations: [{ __typename: 'Resident', citizenId: '37030619850312012' }],
    });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(subgraph.storeCalls('findRightsByResident')).toEqual([]);
  });

  it('when a call carries no gateway signature, then it is refused with 401', async () => {
    const subgraph = await setupSubgraph(naturalResources);
    const { statusCode, body } = await subgraph.post('{ realEstateRight(certificateNo: "x") { area } }', {}, { token: null });
    expect(statusCode).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
