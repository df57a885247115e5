/**
 * Answers a verification call (核验) inside the gateway, after its subjects were read: the ability
 * decides which claimed items may be verified (policies/authorize-verification.ts); for each provider
 * one signed `_entities` call fetches the true values of exactly those items for every subject
 * (the providers' DataLoaders make it one store lookup); the gateway compares them with the claims
 * and the consumer receives MATCH, MISMATCH or NO_RECORD per item. True values live only in this
 * function's memory: they never reach the consumer, the audit record (which keeps outcome counts),
 * nor any log; claims never leave the gateway.
 */
import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { execute } from 'graphql';
import { authorizeVerification } from '../../policies/authorize-verification.ts';
import type { ShareAbility } from '../../policies/build-share-ability.ts';
import type { ShareCatalog } from '../../policies/types.ts';
import { shareError } from '../../platform/errors.ts';
import type { VerificationCounts } from '../audit/audit-record.ts';
import type { VerifySubject } from './read-verification.ts';

export type VerificationOutcome = keyof VerificationCounts;

/** One signed call to one subgraph for the consumer of `rc` (the gateway's own data source); `abandon` cancels it. */
export type FetchFromSubgraph = (
  rc: GatewayGraphQLRequestContext,
  subgraph: string,
  request: { query: string; variables: Record<string, unknown> },
  abandon?: AbortSignal,
) => Promise<GatewayGraphQLResponse>;

export interface VerificationAnswer {
  result: GatewayExecutionResult;
  /** Per verified item, the outcome counts (for the audit record). */
  verified: Record<string, VerificationCounts>;
  denied: string[];
}

/** Claimed and true value compared as the item's type gives them; text in Unicode NFC. */
function compareClaim(claimed: unknown, value: unknown): VerificationOutcome {
  if (value === null || value === undefined) return 'NO_RECORD';
  if (typeof claimed === 'string' && typeof value === 'string') return claimed.normalize('NFC') === value.normalize('NFC') ? 'MATCH' : 'MISMATCH';
  return claimed === value ? 'MATCH' : 'MISMATCH';
}

export async function answerVerification(options: {
  rc: GatewayGraphQLRequestContext;
  subjects: readonly VerifySubject[];
  ability: ShareAbility;
  catalog: ShareCatalog;
  strict: boolean;
  fetch: FetchFromSubgraph;
  forbidden: (coordinate: string) => Error;
}): Promise<VerificationAnswer> {
  const { rc, subjects } = options;
  const verdict = authorizeVerification(
    options.ability,
    subjects.flatMap((subject) => subject.claims.map((claim) => claim.coordinate)),
  );
  if (options.strict && verdict.denied.length > 0) {
    return {
      result: { errors: [shareError('FORBIDDEN_OPERATION', { extensions: { fields: verdict.denied }, withStatus: true })] },
      verified: {},
      denied: verdict.denied,
    };
  }
  const values = await fetchTrueValues(options, new Set(verdict.verifiable));
  const verified: Record<string, VerificationCounts> = {};
  const results = subjects.map((subject) => ({
    subject: subject.key,
    items: subject.claims.map((claim) => {
      if (!verdict.verifiable.includes(claim.coordinate)) return { field: claim.coordinate, outcome: options.forbidden(claim.coordinate) };
      const entity = values.get(`${subject.typeName} ${subject.key}`);
      const outcome = compareClaim(claim.value, entity?.[claim.fieldName]);
      (verified[claim.coordinate] ??= { MATCH: 0, MISMATCH: 0, NO_RECORD: 0 })[outcome] += 1;
      return { field: claim.coordinate, outcome };
    }),
  }));
  // The consumer's own selection (aliases, __typename, fields left out) over the answer; a denied outcome is an error in its place.
  const result = await execute({
    schema: rc.schema,
    document: rc.document,
    operationName: rc.operationName ?? null,
    variableValues: rc.request.variables ?? {},
    rootValue: { verify: results },
  });
  return { result: { data: result.data ?? null, ...(result.errors ? { errors: result.errors } : {}) }, verified, denied: verdict.denied };
}

type Entity = Record<string, unknown> | null;

/** `Type key` → the provider's answer for it, every provider's items merged; one `_entities` call per provider. */
async function fetchTrueValues(
  options: { rc: GatewayGraphQLRequestContext; subjects: readonly VerifySubject[]; catalog: ShareCatalog; fetch: FetchFromSubgraph },
  verifiable: ReadonlySet<string>,
): Promise<Map<string, Record<string, unknown>>> {
  const byProvider = new Map<string, { fields: Map<string, Set<string>>; keys: Map<string, VerifySubject> }>();
  for (const subject of options.subjects) {
    for (const claim of subject.claims) {
      const provider = verifiable.has(claim.coordinate) ? options.catalog.get(claim.coordinate)?.provider : undefined;
      if (provider === undefined) continue;
      let call = byProvider.get(provider);
      if (!call) byProvider.set(provider, (call = { fields: new Map(), keys: new Map() }));
      let fields = call.fields.get(subject.typeName);
      if (!fields) call.fields.set(subject.typeName, (fields = new Set()));
      fields.add(claim.fieldName);
      call.keys.set(`${subject.typeName} ${subject.key}`, subject);
    }
  }
  const values = new Map<string, Record<string, unknown>>();
  await Promise.all(
    [...byProvider].map(async ([provider, call]) => {
      const keyed = [...call.keys.values()];
      const representations = keyed.map((subject) => ({ __typename: subject.typeName, [subject.keyField]: subject.key }));
      const fragments = [...call.fields].map(([typeName, fields]) => `... on ${typeName} { ${[...fields].join(' ')} }`).join(' ');
      const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${fragments} } }`;
      let answer: GatewayGraphQLResponse;
      try {
        answer = await options.fetch(options.rc, provider, { query, variables: { representations } });
      } catch {
        throw shareError('PROVIDER_UNAVAILABLE', { extensions: { provider } });
      }
      const entities = (answer.data as { _entities?: Entity[] } | null | undefined)?._entities;
      if (!Array.isArray(entities) || entities.length !== keyed.length || (answer.errors?.length ?? 0) > 0) {
        throw shareError('PROVIDER_UNAVAILABLE', { extensions: { provider } });
      }
      keyed.forEach((subject, i) => {
        const key = `${subject.typeName} ${subject.key}`;
        values.set(key, { ...values.get(key), ...(entities[i] ?? {}) });
      });
    }),
  );
  return values;
}
