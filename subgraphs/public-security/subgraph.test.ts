import { describe, expect, it } from 'vitest';
import { DEMO } from '../shared/district.ts';
import { entitiesQuery, setupSubgraph } from '../shared/test-harness.ts';
import { publicSecurity } from './definition.ts';

describe('public-security subgraph', () => {
  it('when the demo resident is asked for, then her register entry is returned', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const { statusCode, body } = await subgraph.post(
      'query ($id: CitizenId!) { resident(citizenId: $id) { citizenId name gender birthDate householdSubdistrict } }',
      { id: DEMO.resident },
    );
    expect(statusCode).toBe(200);
    expect(body).toEqual({
      data: {
        resident: { citizenId: DEMO.resident, name: '王淑芬', gender: 'FEMALE', birthDate: '1985-03-12', householdSubdistrict: '丝绸路街道' },
      },
    });
  });

  it('when several residents are resolved as entities, then they come back in order from one store lookup', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const ids = [DEMO.legalRepresentative, DEMO.resident, DEMO.legalRepresentative];
    const { body } = await subgraph.post(entitiesQuery('Resident', 'citizenId name'), {
      representations: ids.map((citizenId) => ({ __typename: 'Resident', citizenId })),
    });
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([
      { citizenId: DEMO.legalRepresentative, name: '张建国' },
      { citizenId: DEMO.resident, name: '王淑芬' },
      { citizenId: DEMO.legalRepresentative, name: '张建国' },
    ]);
    expect(subgraph.storeCalls('findResidents')).toEqual([[[DEMO.legalRepresentative, DEMO.resident]]]);
  });

  it('when a citizen ID has a wrong check character, then the error is BAD_USER_INPUT', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const { body } = await subgraph.post('{ resident(citizenId: "370306198503120123") { name } }');
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(subgraph.storeCalls('findResidents')).toEqual([]);
  });

  it('when a call carries no gateway signature, then it is refused with 401', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const { statusCode, body } = await subgraph.post('{ _service { sdl } }', {}, { token: null });
    expect(statusCode).toBe(401);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('when a token is addressed to another department, then it is refused with 401', async () => {
    const subgraph = await setupSubgraph(publicSecurity);
    const query = '{ resident(citizenId: "370306198503120122") { name } }';
    const token = await subgraph.signToken(JSON.stringify({ query, variables: {} }), { audience: 'civil-affairs' });
    const { statusCode } = await subgraph.post(query, {}, { token });
    expect(statusCode).toBe(401);
  });
});
