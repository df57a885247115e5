import { describe, expect, it } from 'vitest';
import { DEMO, district } from '../shared/district.ts';
import { entitiesQuery, setupSubgraph } from '../shared/test-harness.ts';
import { approval } from './definition.ts';
import { createCertificateStore } from './store.ts';

const LICENCE_FIELDS = `__typename certificateNo title issuedBy issuedOn validUntil status
  ... on BusinessLicence { holder { creditCode } }
  ... on FoodBusinessPermit { holder { creditCode } operatorType businessItems }`;

/** A resident of the district who holds at least one practice certificate. */
function certifiedResident() {
  const store = createCertificateStore();
  const person = district().residents.find((resident) => store.findCertificatesByResident([resident.citizenId])[0]!.length > 0)!;
  return { citizenId: person.citizenId, certificate: store.findCertificatesByResident([person.citizenId])[0]![0]! };
}

describe('approval subgraph', () => {
  it('when the demo enterprise is resolved, then its business licence and food business permit are listed', async () => {
    const subgraph = await setupSubgraph(approval);
    const { statusCode, body } = await subgraph.post(entitiesQuery('Enterprise', `creditCode licences { ${LICENCE_FIELDS} }`), {
      representations: [{ __typename: 'Enterprise', creditCode: DEMO.enterprise }],
    });
    expect(statusCode).toBe(200);
    expect(body.data._entities).toEqual([
      {
        creditCode: DEMO.enterprise,
        licences: [
          {
            __typename: 'BusinessLicence',
            certificateNo: DEMO.enterprise,
            title: '营业执照',
            issuedBy: '淄博市周村区工商行政管理局',
            issuedOn: '2016-04-18',
            validUntil: null,
            status: 'VALID',
            holder: { creditCode: DEMO.enterprise },
          },
          {
            __typename: 'FoodBusinessPermit',
            certificateNo: 'JY33703060012345',
            title: '食品经营许可证',
            issuedBy: '淄博市周村区行政审批服务局',
            issuedOn: '2022-05-10',
            validUntil: '2027-05-09',
            status: 'VALID',
            holder: { creditCode: DEMO.enterprise },
            operatorType: '单位食堂',
            businessItems: ['热食类食品制售'],
          },
        ],
      },
    ]);
  });

  it('when a licence or a practice certificate is asked for by number, then its concrete type is resolved, and an unknown number gives null', async () => {
    const subgraph = await setupSubgraph(approval);
    const { citizenId, certificate } = certifiedResident();
    const { body } = await subgraph.post(
      `query ($permit: String!, $practice: String!) {
        permit: licence(certificateNo: $permit) { __typename certificateNo ... on FoodBusinessPermit { holder { creditCode } } }
        practice: practiceCertificate(certificateNo: $practice) { __typename holder { citizenId } profession }
        unknown: licence(certificateNo: "JY10000000000000") { certificateNo } }`,
      { permit: 'JY33703060012345', practice: certificate.certificateNo },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      permit: { __typename: 'FoodBusinessPermit', certificateNo: 'JY33703060012345', holder: { creditCode: DEMO.enterprise } },
      practice: { __typename: 'PracticeCertificate', holder: { citizenId }, profession: certificate.profession },
      unknown: null,
    });
  });

  it('when a practice certificate number is asked for as a licence, or a licence number as a practice certificate, then the answer is null', async () => {
    const subgraph = await setupSubgraph(approval);
    const { certificate } = certifiedResident();
    const { body } = await subgraph.post(
      `query ($permit: String!, $practice: String!) {
        asLicence: licence(certificateNo: $practice) { certificateNo }
        asPractice: practiceCertificate(certificateNo: $permit) { certificateNo } }`,
      { permit: 'JY33703060012345', practice: certificate.certificateNo },
    );
    expect(body).toEqual({ data: { asLicence: null, asPractice: null } });
  });

  it('when several residents are resolved as entities, then their certificates come back in order from one store lookup', async () => {
    const subgraph = await setupSubgraph(approval);
    const { citizenId, certificate } = certifiedResident();
    const ids = [citizenId, DEMO.legalRepresentative, citizenId];
    const { body } = await subgraph.post(entitiesQuery('Resident', 'citizenId certificates { certificateNo }'), {
      representations: ids.map((id) => ({ __typename: 'Resident', citizenId: id })),
    });
    const expected = (id: string) =>
      createCertificateStore()
        .findCertificatesByResident([id])[0]!
        .map((record) => ({ certificateNo: record.certificateNo }));
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual(ids.map((id) => ({ citizenId: id, certificates: expected(id) })));
    expect(body.data._entities[0].certificates).toContainEqual({ certificateNo: certificate.certificateNo });
    expect(subgraph.storeCalls('findCertificatesByResident')).toEqual([[[citizenId, DEMO.legalRepresentative]]]);
  });

  it('when several enterprises are resolved as entities, then their licences come from one store lookup', async () => {
    const subgraph = await setupSubgraph(approval);
    const codes = district()
      .enterprises.slice(0, 4)
      .map((enterprise) => enterprise.creditCode);
    const { body } = await subgraph.post(entitiesQuery('Enterprise', 'creditCode licences { certificateNo }'), {
      representations: codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })),
    });
    expect(
      body.data._entities.map((entity: { creditCode: string; licences: Array<{ certificateNo: string }> }) => [
        entity.creditCode,
        entity.licences[0]!.certificateNo,
      ]),
    ).toEqual(codes.map((code) => [code, code]));
    expect(subgraph.storeCalls('findCertificatesByEnterprise')).toEqual([[codes]]);
  });

  it('when an entity representation carries an invalid credit code, then the error is BAD_USER_INPUT and the store is not asked', async () => {
    const subgraph = await setupSubgraph(approval);
    const { body } = await subgraph.post(entitiesQuery('Enterprise', 'licences { certificateNo }'), {
      representations: [{ __typename: 'Enterprise', creditCode: '91370306MA3C8K2P9A' }],
    });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(subgraph.storeCalls('findCertificatesByEnterprise')).toEqual([]);
  });

  it('when a call carries no gateway signature, then it is refused with 401', async () => {
    const subgraph = await setupSubgraph(approval);
    const { statusCode, body } = await subgraph.post('{ licence(certificateNo: "JY33703060012345") { title } }', {}, { token: null });
    expect(statusCode).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
