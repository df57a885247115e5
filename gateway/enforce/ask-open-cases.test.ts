import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { describe, expect, it } from 'vitest';
import { MAX_OPEN_CASE_SUBJECTS, OPEN_CASE_ATTRIBUTE, withOpenCase } from '../../policies/open-case.ts';
import { citizenIdCheckCharacter } from '../../schema/scalars/citizen-id.ts';
import type { FetchFromSubgraph } from '../verify/answer-verification.ts';
import { askOpenCases, subjectsForOpenCases } from './ask-open-cases.ts';

const rc = {} as GatewayGraphQLRequestContext;
/** `count` distinct valid citizen IDs, born on consecutive days of 1980. */
const citizenIds = (count: number) =>
  Array.from({ length: count }, (_, index) => {
    const birth = new Date(Date.UTC(1980, 0, 1 + Math.floor(index / 100))).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `370306${birth}${String(index % 100).padStart(3, '0')}`;
    return first17 + citizenIdCheckCharacter(first17);
  });
/** An executed answer listing `ids` as the row-decision alias of `zcRow`. */
const executed = (ids: readonly string[]) => ({ people: ids.map((id) => ({ name: 'x', zcRow_citizenId: id })) });
/** A subgraph that says every subject it is asked about, and `extra`, has an open case. */
const answeringAll =
  (extra: readonly string[] = []): FetchFromSubgraph =>
  async (_rc, _subgraph, request) => ({ data: { civilAffairsOpenCases: [...(request.variables['subjects'] as string[]), ...extra] } });

describe('asking the consumer its open cases', () => {
  it(`art-23: when an operation returns ${MAX_OPEN_CASE_SUBJECTS} residents, then every one is asked about and may be held`, async () => {
    const ids = citizenIds(MAX_OPEN_CASE_SUBJECTS);
    const subjects = subjectsForOpenCases(executed(ids), 'zcRow');
    expect(subjects).toEqual(new Set(ids));
    const held = await askOpenCases({ rc, fetch: answeringAll(), dept: 'civil-affairs', subjects });
    expect(held?.size).toBe(MAX_OPEN_CASE_SUBJECTS);
    expect(withOpenCase({ citizenId: ids.at(-1) }, held)).toHaveProperty([OPEN_CASE_ATTRIBUTE]);
  });

  it(`art-23: when an operation returns ${MAX_OPEN_CASE_SUBJECTS + 1} residents, then the last is not asked about, and is not held even when the answer names it (fail closed)`, async () => {
    const ids = citizenIds(MAX_OPEN_CASE_SUBJECTS + 1);
    const last = ids.at(-1)!;
    const subjects = subjectsForOpenCases(executed(ids), 'zcRow');
    expect(subjects.size).toBe(MAX_OPEN_CASE_SUBJECTS);
    expect(subjects.has(last)).toBe(false);
    const held = await askOpenCases({ rc, fetch: answeringAll([last]), dept: 'civil-affairs', subjects });
    expect(held?.has(ids[0]!)).toBe(true);
    expect(held?.has(last)).toBe(false);
    expect(withOpenCase({ citizenId: last }, held)).not.toHaveProperty([OPEN_CASE_ATTRIBUTE]);
  });

  it('when the subgraph does not answer in time, then no answer, and the call it stopped waiting for is aborted', async () => {
    let signal: AbortSignal | undefined;
    const hanging: FetchFromSubgraph = (_rc, _subgraph, _request, abandon) => {
      signal = abandon;
      return new Promise((_resolve, reject) => abandon?.addEventListener('abort', () => reject(abandon.reason)));
    };
    const started = performance.now();
    const held = await askOpenCases({ rc, fetch: hanging, dept: 'civil-affairs', subjects: new Set(citizenIds(1)), timeoutMs: 50 });
    expect(held).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(signal?.aborted).toBe(true);
  });

  it('when the subgraph answers in time, then its call is not aborted', async () => {
    let signal: AbortSignal | undefined;
    const answering: FetchFromSubgraph = async (rcOf, subgraph, request, abandon) => {
      signal = abandon;
      return answeringAll()(rcOf, subgraph, request);
    };
    const ids = citizenIds(2);
    expect(await askOpenCases({ rc, fetch: answering, dept: 'civil-affairs', subjects: new Set(ids) })).toEqual(new Set(ids));
    expect(signal?.aborted).toBe(false);
  });
});
