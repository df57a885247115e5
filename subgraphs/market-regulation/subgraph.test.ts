import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from '../../schema/scalars/credit-code.ts';
import { district, DEMO } from '../shared/district.ts';
import { entitiesQuery, setupSubgraph } from '../shared/test-harness.ts';
import { marketRegulation } from './definition.ts';

/** A well-formed credit code of a Beijing enterprise, so not in the district register. */
function unregisteredCreditCode(): string {
  const first17 = `91110108MA000000${organisationCodeCheckCharacter('MA000000')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

describe('market-regulation subgraph', () => {
  it('when the demo enterprise is asked for, then its registration and legal representative reference are returned', async () => {
    const subgraph = await setupSubgraph(marketRegulation);
    const { statusCode, body } = await subgraph.post(
      `query ($code: CreditCode!) { enterprise(creditCode: $code) {
        creditCode name legalRepresentative { citizenId } registeredCapital establishedOn status
        administrativePenalties { decisionNo decidedOn reason fine } } }`,
      { code: DEMO.enterprise },
    );
    expect(statusCode).toBe(200);
    expect(body).toEqual({
      data: {
        enterprise: {
          creditCode: DEMO.enterprise,
          name: '淄博周村华丰丝绸有限公司',
          legalRepresentative: { citizenId: DEMO.legalRepresentative },
          registeredCapital: 1000,
          establishedOn: '2016-04-18',
          status: 'OPERATING',
          administrativePenalties: [{ decisionNo: '周市监处罚〔2023〕87号', decidedOn: '2023-08-16', reason: '未按规定明码标价', fine: 2000 }],
        },
      },
    });
  });

  it('when several enterprises are asked for, then unknown valid codes come back null in place', async () => {
    const subgraph = await setupSubgraph(marketRegulation);
    const other = district().enterprises[7]!;
    const { body } = await subgraph.post('query ($codes: [CreditCode!]!) { enterprises(creditCodes: $codes) { name } }', {
      codes: [other.creditCode, unregisteredCreditCode(), DEMO.enterprise],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprises).toEqual([{ name: other.name }, null, { name: '淄博周村华丰丝绸有限公司' }]);
  });

  it('when several enterprises are resolved as entities, then they come back in order from one store lookup', async () => {
    const subgraph = await setupSubgraph(marketRegulation);
    const [, second, third] = district().enterprises;
    const codes = [third!.creditCode, DEMO.enterprise, second!.creditCode];
    const { body } = await subgraph.post(entitiesQuery('Enterprise', 'creditCode name'), {
      representations: codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([
      { creditCode: third!.creditCode, name: third!.name },
      { creditCode: DEMO.enterprise, name: '淄博周村华丰丝绸有限公司' },
      { creditCode: second!.creditCode, name: second!.name },
    ]);
    expect(subgraph.storeCalls('findEnterprises')).toEqual([[codes]]);
  });

  it('when residents are resolved as entities, then each lists the enterprises it represents from one store lookup', async () => {
    const subgraph = await setupSubgraph(marketRegulation);
    const representedBy = (citizenId: string) =>
      district()
        .enterprises.filter((seed) => seed.legalRepresentativeId === citizenId)
        .map((seed) => ({ creditCode: seed.creditCode }));
    const { body } = await subgraph.post(entitiesQuery('Resident', 'citizenId legalRepresentativeOf { creditCode }'), {
      representations: [DEMO.legalRepresentative, DEMO.resident].map((citizenId) => ({ __typename: 'Resident', citizenId })),
    });
    expect(body.data._entities).toEqual([
      { citizenId: DEMO.legalRepresentative, legalRepresentativeOf: representedBy(DEMO.legalRepresentative) },
      { citizenId: DEMO.resident, legalRepresentativeOf: representedBy(DEMO.resident) },
    ]);
    expect(representedBy(DEMO.legalRepresentative)).toContainEqual({ creditCode: DEMO.enterprise });
    expect(subgraph.storeCalls('findEnterprisesByRepresentative')).toEqual([[[DEMO.legalRepresentative, DEMO.resident]]]);
  });

  it('when a credit code has a wrong check character, then the error is BAD_USER_INPUT', async () => {
    const subgraph = await setupSubgraph(marketRegulation);
    const { body } = await subgraph.post('{ enterprise(creditCode: "91370306MA3C8K2P9A") { name } }');
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('when an entity representation carries an invalid credit code, then the error is BAD_USER_INPUT and the store is not asked', async () => {
    const subgraph = await setupSubgraph(marketRegulation);
    const { body } = await subgraph.post(entitiesQuery('Enterprise', 'name'), {
      representations: [{ __typename: 'Enterprise', creditCode: 'not-a-code' }],
    });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(subgraph.storeCalls('findEnterprises')).toEqual([]);
  });

  it('when more than 100 enterprises are asked for at once, then the error is BAD_USER_INPUT', async () => {
    const subgraph = await setupSubgraph(marketRegulation);
    const codes = district()
      .enterprises.slice(0, 101)
      .map((enterprise) => enterprise.creditCode);
    const { body } = await subgraph.post('query ($codes: [CreditCode!]!) { enterprises(creditCodes: $codes) { name } }', { codes });
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('when a call carries no gateway signature, then it is refused with 401', async () => {
    const subgraph = await setupSubgraph(marketRegulation);
    const { statusCode, body } = await subgraph.post('{ enterprise(creditCode: "91370306MA3C8K2P9M") { name } }', {}, { token: null });
    expect(statusCode).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
