/**
 * Row condition "only subjects the consumer holds an open case for", end to end over real HTTP: the
 * demo grant lets civil-affairs read household addresses for ADMINISTRATIVE_BASIS only of residents
 * whose 低保 application it is handling (王淑芬 has one, 张建国 none). civil-affairs' own subgraph answers
 * which, once per operation, through the gateway's signed call; when it cannot answer (stopped, a
 * malformed answer, no answer in time) every record under the condition is withheld (fail closed).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCivilAffairsStore } from '../subgraphs/civil-affairs/store.ts';
import { DEMO, district } from '../subgraphs/shared/district.ts';
import { issueToken } from '../scripts/issue-token.ts';
import type { LaunchedGateway } from '../scripts/launch-gateway.ts';
import { startTestPlatform, type GraphQLBody, type TestPlatform } from './support/test-platform.ts';

const ADDRESS = {
  held: '山东省淄博市周村区丝绸路街道正阳路128号3号楼2单元401室',
  notHeld: '山东省淄博市周村区大街街道丝市街36号1号楼1单元102室',
};
const OPEN_CASE = [{ '@openCase': { $in: ['HELD'] } }];
const TWO_RESIDENTS = `{ a: resident(citizenId: "${DEMO.resident}") { name householdAddress } b: resident(citizenId: "${DEMO.legalRepresentative}") { name householdAddress } }`;

const codesAndPaths = (body: GraphQLBody) => (body.errors ?? []).map((error) => [error.extensions?.['code'], error.path]);

describe('open-case row condition', () => {
  let platform: TestPlatform;
  beforeAll(async () => void (platform = await startTestPlatform()));
  afterAll(() => platform?.close());

  const civilAffairs = () => platform.client({ dept: 'civil-affairs', app: 'means-test', purpose: 'ADMINISTRATIVE_BASIS' });
  const openCaseCalls = () => platform.subgraphCalls.filter((call) => call.subgraph === 'civil-affairs' && call.query.includes('civilAffairsOpenCases'));

  it('art-23: when civil-affairs reads the addresses of a resident it holds an open 低保 case for and of one it does not, then the first is read in full and the second is null with FORBIDDEN_ROW', async () => {
    const { body } = await civilAffairs().query(TWO_RESIDENTS);
    expect(body.data).toEqual({ a: { name: '王淑芬', householdAddress: ADDRESS.held }, b: { name: '张建国', householdAddress: null } });
    expect(body.errors).toEqual([
      {
        message: "Resident.householdAddress is shared with your department only for records that meet the grant's condition",
        path: ['b', 'householdAddress'],
        extensions: { code: 'FORBIDDEN_ROW', field: 'Resident.householdAddress', provider: 'public-security', conditions: OPEN_CASE },
      },
    ]);
    // Neither the withheld address nor the citizen IDs fetched for the decision are delivered.
    expect(JSON.stringify(body)).not.toContain('丝市街');
    expect(JSON.stringify(body)).not.toContain(DEMO.resident);
  });

  it('art-23: when many residents come in one list, under aliases and fragments, then civil-affairs is asked once for all of them and each record is decided alone', async () => {
    const store = createCivilAffairsStore();
    const ids = district()
      .residents.slice(0, 60)
      .map((resident) => resident.citizenId);
    const held = new Set(store.findOpenCases(ids));
    expect(held.size, 'the demo data holds open cases among the first residents').toBeGreaterThan(0);
    expect(held.size).toBeLessThan(ids.length);
    platform.subgraphCalls.length = 0;
    const { body } = await civilAffairs().query(
      `query($ids: [CitizenId!]!) { people: residents(citizenIds: $ids) { ...Home ... on Resident { again: householdAddress } } }
       fragment Home on Resident { id: citizenId home: householdAddress zcRow_citizenId: name }`,
      { ids },
    );
    expect(openCaseCalls()).toHaveLength(1);
    const people = (body.data?.['people'] ?? []) as Array<{ id: string; home: string | null; again: string | null; zcRow_citizenId: string }>;
    expect(people).toHaveLength(ids.length);
    for (const [index, person] of people.entries()) {
      expect(person.home === null, person.id).toBe(!held.has(person.id));
      expect(person.again).toBe(person.home);
      expect(person.zcRow_citizenId).not.toBe(person.id);
      if (!held.has(person.id)) {
        expect(codesAndPaths(body)).toContainEqual(['FORBIDDEN_ROW', ['people', index, 'home']]);
        expect(codesAndPaths(body)).toContainEqual(['FORBIDDEN_ROW', ['people', index, 'again']]);
      }
    }
    expect(body.errors).toHaveLength(2 * (ids.length - held.size));
  });

  it('art-23: when operations are batched, then each is decided on its own, with one question each', async () => {
    platform.subgraphCalls.length = 0;
    const { body } = await civilAffairs().post([
      { query: `{ resident(citizenId: "${DEMO.legalRepresentative}") { householdAddress } }` },
      { query: `query Held { r: resident(citizenId: "${DEMO.resident}") { householdAddress } }` },
    ]);
    const [first, second] = body as GraphQLBody[];
    expect(first!.data).toEqual({ resident: { householdAddress: null } });
    expect(codesAndPaths(first!)).toEqual([['FORBIDDEN_ROW', ['resident', 'householdAddress']]]);
    expect(second).toEqual({ data: { r: { householdAddress: ADDRESS.held } } });
    expect(openCaseCalls()).toHaveLength(2);
  });

  it('when another consumer reads the same item, or civil-affairs reads it for another purpose, then civil-affairs is never asked', async () => {
    platform.subgraphCalls.length = 0;
    await platform.client({ dept: 'market-regulation', purpose: 'ADMINISTRATIVE_BASIS' }).query(TWO_RESIDENTS);
    await platform.client({ dept: 'civil-affairs', purpose: 'WORK_REFERENCE' }).query(TWO_RESIDENTS);
    expect(openCaseCalls()).toEqual([]);
  });

  it('when another department asks civil-affairs for its open cases through the gateway, then FORBIDDEN_FIELD: the relation is conditional', async () => {
    const { body } = await platform
      .client({ dept: 'market-regulation', purpose: 'ADMINISTRATIVE_BASIS' })
      .query(`{ civilAffairsOpenCases(subjects: ["${DEMO.resident}"]) }`);
    expect(body.data).toEqual({ civilAffairsOpenCases: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', field: 'Query.civilAffairsOpenCases', requestable: true });
  });

  describe('when civil-affairs cannot answer', () => {
    /** What the stand-in civil-affairs answers every call with; undefined: it holds the call open. */
    let answer: string | undefined;
    /** When each call the stand-in held open was closed by the gateway (ms since the epoch). */
    const heldClosedAt: number[] = [];
    /** Calls the stand-in received. */
    let received = 0;
    let standIn: Server;
    let other: LaunchedGateway;
    beforeAll(async () => {
      standIn = createServer((request, response) => {
        received += 1;
        if (answer === undefined) {
          request.socket.once('close', () => heldClosedAt.push(Date.now()));
          return; // the gateway stops waiting
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      });
      await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/graphql`;
      other = await platform.launchAnotherGateway({ subgraphUrls: { 'civil-affairs': url }, grants: platform.grants });
    });
    afterAll(async () => {
      await other?.close();
      standIn?.closeAllConnections();
      await new Promise((resolve) => standIn?.close(resolve));
    });

    /** civil-affairs reads both residents' addresses through a gateway (by default the one) whose civil-affairs is the stand-in. */
    const gatewayWithCivilAffairs = async (answering: string | undefined, gateway: LaunchedGateway = other) => {
      answer = answering;
      const token = await issueToken(platform.tokenIssuer.privateKey, { dept: 'civil-affairs', roles: ['consumer'], app: 'means-test' });
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-share-purpose': 'ADMINISTRATIVE_BASIS' },
        body: JSON.stringify({ query: TWO_RESIDENTS }),
      });
      return (await response.json()) as GraphQLBody;
    };

    const expectFailClosed = (body: GraphQLBody) => {
      expect(body.data).toEqual({ a: { name: '王淑芬', householdAddress: null }, b: { name: '张建国', householdAddress: null } });
      expect(body.errors?.map((error) => error.extensions)).toEqual(
        ['a', 'b'].map(() => ({
          code: 'FORBIDDEN_ROW',
          field: 'Resident.householdAddress',
          provider: 'public-security',
          conditions: OPEN_CASE,
          openCasesUnanswered: true,
        })),
      );
      expect(JSON.stringify(body)).not.toContain('正阳路');
    };

    it('when its answer is malformed (not a list of citizen IDs, or an error), then every record under the condition is withheld', async () => {
      expectFailClosed(await gatewayWithCivilAffairs(JSON.stringify({ data: { civilAffairsOpenCases: DEMO.resident } })));
      expectFailClosed(await gatewayWithCivilAffairs(JSON.stringify({ data: { civilAffairsOpenCases: [[DEMO.resident]] } })));
      expectFailClosed(await gatewayWithCivilAffairs(JSON.stringify({ data: { civilAffairsOpenCases: [DEMO.resident] }, errors: [{ message: 'partial' }] })));
      expectFailClosed(await gatewayWithCivilAffairs('not json'));
    });

    it('when it does not answer in time, then every record under the condition is withheld, and the call is cancelled, not left waiting for the subgraph timeout', async () => {
      heldClosedAt.length = 0;
      const asked = Date.now();
      expectFailClosed(await gatewayWithCivilAffairs(undefined));
      // The open-case question waits 2 s; the subgraph timeout (10 s) would otherwise end the call.
      await expect.poll(() => heldClosedAt.length, { timeout: 5_000 }).toBe(1);
      expect(heldClosedAt[0]! - asked).toBeLessThan(6_000);
    });

    it('when it does not answer in time again and again, then its breaker opens: the next question is not sent, and the records are withheld at once', async () => {
      const guarded = await platform.launchAnotherGateway({
        subgraphUrls: { 'civil-affairs': `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/graphql` },
        grants: platform.grants,
        subgraphCalls: { guard: { failures: 2 } },
      });
      try {
        expectFailClosed(await gatewayWithCivilAffairs(undefined, guarded));
        expectFailClosed(await gatewayWithCivilAffairs(undefined, guarded));
        const receivedBefore = received;
        const asked = performance.now();
        expectFailClosed(await gatewayWithCivilAffairs(undefined, guarded));
        expect(received).toBe(receivedBefore);
        // Not the question's 2 s: the breaker refused the call without sending it.
        expect(performance.now() - asked).toBeLessThan(2_000);
        // The questions' own breaker: civil-affairs' data calls keep theirs, closed.
        const breakers = await guarded.gateway.metrics.registry.getSingleMetric('zhoucun_gateway_subgraph_breaker_open')!.get();
        const open = (subgraph: string) => breakers.values.find((value) => value.labels['subgraph'] === subgraph)?.value;
        expect([open('civil-affairs/open-cases'), open('civil-affairs')]).toEqual([1, 0]);
      } finally {
        await guarded.close();
      }
    });

    // Last: it stops the platform's civil-affairs subgraph.
    it('when its subgraph is stopped, then every record under the condition is withheld and the rest of the answer stands', async () => {
      const { app } = platform.subgraphs.find((subgraph) => subgraph.name === 'civil-affairs')!;
      const closing = app.close();
      app.server.closeAllConnections(); // the gateway's pooled keep-alive connections, too
      await closing;
      const { status, body } = await civilAffairs().query(TWO_RESIDENTS);
      expect(status).toBe(200);
      expectFailClosed(body);
      expect(body.errors?.[0]?.message).toBe(
        "Resident.householdAddress is shared with your department only for subjects it holds an open case for, and your department's subgraph did not answer which",
      );
    });
  });
});
