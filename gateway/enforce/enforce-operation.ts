/**
 * The request path inside GraphQL, one step per line of `enforceOperation`:
 *   2 purpose    an operation without a declared purpose is refused unless it is exempt (purposeExemption)
 *   3 ability    the share ability of (department, purpose)
 *   4 authorize  denied fields are removed before planning (cached per ability and operation)
 *   5 execute    @apollo/gateway plans and runs the pruned operation, under its own plan-cache key
 *   6 shape      denied fields come back as null with one FORBIDDEN_FIELD error each; items decided per
 *                record are masked (paths listed in `extensions.masked`) or null with FORBIDDEN_ROW
 *   7 audit      the response leaves only once its audit record is durable
 * (Step 1, authentication, happens at the HTTP edge before any GraphQL work.) A verification call
 * (`verify`) takes steps 2, 3 and 7 alike; the gateway answers it itself (gateway/verify/).
 */
import { createHash } from 'node:crypto';
import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { Kind, print, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { authorizeOperation, type DeniedField, type OperationVerdict } from '../../policies/authorize-operation.ts';
import type { ShareAbility } from '../../policies/build-share-ability.ts';
import { decideRow } from '../../policies/decide-row.ts';
import { needsOpenCases, OPEN_CASE_ATTRIBUTE } from '../../policies/open-case.ts';
import { howToObtain } from '../../policies/how-to-obtain.ts';
import { purposeExemption } from '../../policies/purpose-exemption.ts';
import type { RowCondition, ShareCatalog } from '../../policies/types.ts';
import type { AbilitySource } from './ability-source.ts';
import type { AuditOutcome } from '../audit/audit-record.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { buildAuditEntry, type AuditFacts } from '../audit/build-audit-entry.ts';
import { operationDocumentOf } from '../audit/operation-document.ts';
import { shareError } from '../../platform/errors.ts';
import { clientCodeOf } from '../format-error.ts';
import type { GatewayContext } from '../gateway-context.ts';
import type { WithheldKind } from '../observe/gateway-metrics.ts';
import { shapeResult } from './shape-result.ts';
import { askOpenCases, subjectsForOpenCases } from './ask-open-cases.ts';
import { ServedSubjects } from '../audit/collect-subjects.ts';
import type { SubjectHmac } from '../../platform/subject-key.ts';
import { answerVerification, type FetchFromSubgraph } from '../verify/answer-verification.ts';
import { isVerification, readVerification } from '../verify/read-verification.ts';

/** What one operation is decided on: the catalog and abilities of one supergraph, taken together when it starts. */
export interface EnforcementState {
  catalog: ShareCatalog;
  abilities: AbilitySource;
}

export interface EnforcementDependencies {
  /** The supergraph's state now; a swap replaces it between operations, never during one. */
  current: () => EnforcementState;
  /** Absent only where auditing is switched off on purpose (benchmark baselines). */
  audit?: AuditWriter;
  /** Keys the subjects a record lists (subject-level access log); without it records list none. */
  subjectHmac?: SubjectHmac;
  /** Signed calls to the providers for verification; without it `verify` is refused. */
  fetch?: FetchFromSubgraph;
  /** Told which items each operation withheld, by `Type.field` (metrics). */
  countWithheld?: (kind: WithheldKind, coordinates: readonly string[], catalog: ShareCatalog) => void;
}

interface PrunedOperation {
  verdict: OperationVerdict;
  ability: ShareAbility;
  source: string;
  queryHash: string;
}

/** What shaping found, for the audit record: items masked and items withheld from some record. */
interface ShapingFacts {
  masked: string[];
  rowDenied: string[];
}

/** Verdicts are kept per ability and operation text; a new ability (grant change) misses the cache. */
const VERDICT_CACHE_SIZE = 5_000;

export function createEnforcingExecutor(inner: GatewayExecutor, deps: EnforcementDependencies): GatewayExecutor {
  const verdicts = new WeakMap<ShareAbility, Map<string, PrunedOperation>>();

  const authorize = (rc: GatewayGraphQLRequestContext, ability: ShareAbility): PrunedOperation => {
    let perAbility = verdicts.get(ability);
    if (!perAbility) verdicts.set(ability, (perAbility = new Map()));
    const key = `${rc.queryHash}\n${rc.operationName ?? ''}`;
    const cached = perAbility.get(key);
    if (cached) return cached;
    const verdict = authorizeOperation(rc.schema, rc.document, rc.operation, ability);
    const rewritten = verdict.document !== rc.document;
    const source = rewritten ? print(verdict.document) : rc.source;
    const pruned = {
      verdict,
      ability,
      source,
      queryHash: rewritten ? createHash('sha256').update(source).digest('hex') : rc.queryHash,
    };
    if (perAbility.size >= VERDICT_CACHE_SIZE) perAbility.clear();
    perAbility.set(key, pruned);
    return pruned;
  };

  /** Step 7: waits for the durable record; if it cannot be kept, nothing is served. */
  const audit = async (
    rc: GatewayGraphQLRequestContext,
    catalog: ShareCatalog,
    outcome: { outcome: AuditOutcome; code?: string },
    startedAt: number,
    verdict?: OperationVerdict,
    /** What verification (counts, items denied) or shaping (masked, withheld by row) adds to the record. */
    extra?: Pick<AuditFacts, 'verified' | 'deniedItems' | 'masked' | 'rowDenied'>,
  ) => {
    if (deps.countWithheld) {
      deps.countWithheld('denied', [...(verdict?.deniedFields.map((denied) => denied.coordinate) ?? []), ...(extra?.deniedItems ?? [])], catalog);
      deps.countWithheld('masked', extra?.masked ?? [], catalog);
      deps.countWithheld('row_denied', extra?.rowDenied ?? [], catalog);
    }
    if (!deps.audit) return;
    const context = rc.context as unknown as GatewayContext;
    // What was asked, literals hidden, for the policy dry run; an operation that could not be resolved has none.
    const document = rc.operation ? operationDocumentOf(rc.document, rc.operation.name?.value ?? null, rc.queryHash) : undefined;
    const facts = {
      requestId: context.requestId,
      consumer: context.consumer,
      use: context.use,
      operationHash: rc.queryHash,
      operationName: rc.operationName ?? null,
      documentHash: document?.hash,
    };
    try {
      // Each subject once, as its keyed HMAC, with the providers that served it (audit-record.ts); none without a key.
      const subjects = deps.subjectHmac && context.subjects?.list(deps.subjectHmac);
      await deps.audit.append(buildAuditEntry({ ...facts, ...outcome, startedAt, verdict, served: context.served, subjects, ...extra }, catalog), document);
    } catch {
      throw shareError('AUDIT_UNAVAILABLE', { withStatus: true });
    }
  };

  const execute = async (
    rc: GatewayGraphQLRequestContext,
    context: GatewayContext,
    catalog: ShareCatalog,
    pruned: PrunedOperation,
    shaping: ShapingFacts,
  ): Promise<GatewayExecutionResult> => {
    const { verdict, ability, source, queryHash } = pruned;
    if (verdict.document === rc.document) return inner(rc);
    if (context.use.strict && verdict.deniedFields.length > 0) {
      const fields = verdict.deniedFields.map((denied) => denied.coordinate);
      return { errors: [shareError('FORBIDDEN_OPERATION', { extensions: { fields }, withStatus: true })] };
    }
    const result = await inner({ ...rc, document: verdict.document, operation: verdict.operation, source, queryHash });
    // Open-case conditions: one question to the consumer's own subgraph for the whole operation.
    const openCases = [...verdict.rowScoped.values()].some(needsOpenCases)
      ? await askOpenCases({ rc, fetch: deps.fetch, dept: context.consumer.dept, subjects: subjectsForOpenCases(result.data, verdict.rowAliasPrefix) })
      : undefined;
    const unanswered = openCases === undefined;
    const shaped = shapeResult({
      schema: rc.schema,
      operation: rc.operation,
      fragments: fragmentsOf(rc),
      variableValues: coercedVariables(rc.schema, rc),
      deniedNodes: verdict.deniedNodes,
      data: result.data,
      deniedError: (denied, path) => forbiddenField(catalog, denied, path),
      rowScoped: verdict.rowScoped,
      rowAliasPrefix: verdict.rowAliasPrefix,
      decideRow: (typeName, fieldName, record) => decideRow(ability, typeName, fieldName, record, openCases),
      rowError: (coordinate, conditions, path) => forbiddenRow(catalog, coordinate, conditions, path, unanswered),
    });
    shaping.masked.push(...shaped.maskedFields);
    shaping.rowDenied.push(...shaped.rowDeniedFields);
    // Errors about the record attributes fetched for row decisions concern no selection of the consumer:
    // the records they were missing from are withheld (FORBIDDEN_ROW) already.
    const errors = (result.errors ?? []).filter((error) => !error.path?.some((key) => typeof key === 'string' && key.startsWith(verdict.rowAliasPrefix)));
    const extensions = shaped.maskedPaths.length > 0 ? { ...result.extensions, masked: shaped.maskedPaths } : result.extensions;
    const allErrors = [...shaped.errors, ...errors];
    const { errors: _executed, ...rest } = result;
    return { ...rest, data: shaped.data, ...(allErrors.length > 0 ? { errors: allErrors } : {}), ...(extensions ? { extensions } : {}) };
  };

  return async function enforceOperation(requestContext) {
    const startedAt = performance.now();
    // A batch shares one context; each operation gets its own served counts (what its providers returned),
    // and its own subjects where its record lists them.
    const context: GatewayContext = {
      ...(requestContext.context as unknown as GatewayContext),
      served: {},
      ...(deps.audit && deps.subjectHmac ? { subjects: new ServedSubjects() } : {}),
    };
    const rc: GatewayGraphQLRequestContext = { ...requestContext, context: context as unknown as GatewayGraphQLRequestContext['context'] };
    const purpose = context.use.purpose;
    const { catalog, abilities } = deps.current();
    let pruned: PrunedOperation | undefined;
    let result: GatewayExecutionResult;
    const shaping: ShapingFacts = { masked: [], rowDenied: [] };
    try {
      // Apollo Server leaves resolving the operation to the executor: refused here, before anything runs.
      if (!rc.operation) {
        const named = rc.request.operationName;
        const message = named
          ? `The document has no operation named "${named}"`
          : 'The document holds several operations: name the one to run in operationName';
        result = { errors: [shareError('OPERATION_RESOLUTION_FAILURE', { message })] };
        await audit(rc, catalog, outcomeOf(result), startedAt);
        return result;
      }
      if (isVerification(rc.operation)) {
        if (!purpose) throw shareError('PURPOSE_REQUIRED', { withStatus: true });
        if (!deps.fetch) throw shareError('BAD_USER_INPUT', { message: 'verify is not served by this gateway' });
        const subjects = readVerification(rc, coercedVariables(rc.schema, rc));
        await abilities.settled();
        const answer = await answerVerification({
          rc,
          subjects,
          ability: abilities.abilityFor(context.consumer, purpose),
          catalog,
          strict: context.use.strict,
          fetch: deps.fetch,
          forbidden: (coordinate) => forbiddenField(catalog, { coordinate }),
        });
        const verification = { verified: answer.verified, deniedItems: answer.denied };
        await audit(rc, catalog, outcomeOf(answer.result, answer.denied.length), startedAt, undefined, verification);
        return answer.result;
      }
      if (!purpose) {
        const exemption = purposeExemption(rc.operation, catalog);
        if (exemption === 'INTROSPECTION') {
          result = await inner(rc);
          await audit(rc, catalog, outcomeOf(result), startedAt);
          return result;
        }
        if (exemption !== 'GOVERNANCE') throw shareError('PURPOSE_REQUIRED', { withStatus: true });
      }
      await abilities.settled();
      pruned = authorize(rc, abilities.abilityFor(context.consumer, purpose));
      result = await execute(rc, context, catalog, pruned, shaping);
    } catch (error) {
      const code = clientCodeOf(error);
      if (code !== 'AUDIT_UNAVAILABLE')
        await audit(rc, catalog, { outcome: code === 'PURPOSE_REQUIRED' ? 'REJECTED' : 'ERROR', code }, startedAt, pruned?.verdict);
      throw error;
    }
    await audit(rc, catalog, outcomeOf(result, pruned.verdict.deniedFields.length), startedAt, pruned.verdict, shaping);
    return result;
  };
}

/** The record's outcome: refused in strict mode, rejected before execution (invalid variables), failed, or served. */
/** `denied`: how many items the verdict (or a verification) withheld. */
function outcomeOf(result: GatewayExecutionResult, denied = 0): { outcome: AuditOutcome; code?: string } {
  const errors = (result.errors ?? []).filter((error) => !WITHHELD.has(String(error.extensions?.['code'])));
  if (errors.some((error) => error.extensions?.['code'] === 'FORBIDDEN_OPERATION')) return { outcome: 'REFUSED', code: 'FORBIDDEN_OPERATION' };
  // No data at all (not even null): the executor refused the operation before running it (invalid variables).
  if (errors.length > 0) return { outcome: result.data === undefined ? 'REJECTED' : 'ERROR', code: clientCodeOf(errors[0]) };
  const withheld = denied > 0 || (result.errors ?? []).some((error) => error.extensions?.['code'] === 'FORBIDDEN_ROW');
  return { outcome: withheld ? 'PARTIAL' : 'SERVED' };
}

/** Codes of items withheld on purpose: the operation still succeeded, partially. */
const WITHHELD = new Set(['FORBIDDEN_FIELD', 'FORBIDDEN_ROW']);

/** `openCasesUnanswered`: the consumer's own subgraph gave no answer about its open cases (said when a condition needs one). */
function forbiddenRow(
  catalog: ShareCatalog,
  coordinate: string,
  conditions: RowCondition[],
  path: ReadonlyArray<string | number>,
  openCasesUnanswered: boolean,
) {
  const unanswered = openCasesUnanswered && conditions.some((condition) => OPEN_CASE_ATTRIBUTE in condition);
  return shareError('FORBIDDEN_ROW', {
    message: unanswered
      ? `${coordinate} is shared with your department only for subjects it holds an open case for, and your department's subgraph did not answer which`
      : `${coordinate} is shared with your department only for records that meet the grant's condition`,
    path,
    extensions: {
      field: coordinate,
      provider: catalog.get(coordinate)?.provider ?? 'unknown',
      conditions,
      ...(unanswered ? { openCasesUnanswered: true } : {}),
    },
  });
}

/** Without a path, graphql-js places the error where the value stands. */
function forbiddenField(catalog: ShareCatalog, denied: Pick<DeniedField, 'coordinate'>, path?: ReadonlyArray<string | number>) {
  const share = catalog.get(denied.coordinate);
  const route = howToObtain(share?.shareType);
  return shareError('FORBIDDEN_FIELD', {
    message: `${denied.coordinate} is ${route.explanation}`,
    ...(path ? { path } : {}),
    extensions: {
      field: denied.coordinate,
      shareType: share?.shareType ?? 'UNDECLARED',
      provider: share?.provider ?? 'unknown',
      requestable: route.requestable,
      escalatable: route.escalatable,
    },
  });
}

function fragmentsOf(rc: GatewayGraphQLRequestContext): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of rc.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

function coercedVariables(schema: GraphQLSchema, rc: GatewayGraphQLRequestContext): Record<string, unknown> {
  const { coerced } = getVariableValues(schema, rc.operation.variableDefinitions ?? [], rc.request.variables ?? {});
  return coerced ?? {};
}
