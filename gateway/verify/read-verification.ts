/**
 * Reads a verification call (核验) before anything is fetched: the one `verify` root field of its
 * operation, its subjects with their claims, each claim parsed by the item's own GraphQL type. Every
 * bound has a stable code: more than MAX_VERIFY_SUBJECTS subjects TOO_MANY_SUBJECTS; anything else
 * malformed BAD_USER_INPUT naming the subject's index and the item, never a claimed value.
 */
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { getNamedType, getNullableType, isLeafType, isListType, isObjectType, Kind, type GraphQLLeafType, type OperationDefinitionNode } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { shareError } from '../../platform/errors.ts';

/** Subjects one call may name: a day's batch of a licensing desk, a bounded lookup for the providers. */
const MAX_VERIFY_SUBJECTS = 1_000;
/** Claims per subject: more than any resource has verifiable items. */
const MAX_CLAIMS_PER_SUBJECT = 20;
/** Longest claimed text (a name, an address, a date, an enum value). */
const MAX_CLAIM_LENGTH = 256;

export interface VerifyClaim {
  /** `Type.field` */
  coordinate: string;
  fieldName: string;
  /** The claimed value as the item's type parses it. */
  value: unknown;
}

export interface VerifySubject {
  typeName: 'Resident' | 'Enterprise';
  keyField: 'citizenId' | 'creditCode';
  key: string;
  claims: VerifyClaim[];
}

/** Whether the operation asks for `verify` among its root fields (then it must be the only data field). */
export function isVerification(operation: OperationDefinitionNode): boolean {
  return operation.operation === 'query' && operation.selectionSet.selections.some((root) => root.kind === Kind.FIELD && root.name.value === 'verify');
}

const invalid = (message: string) => shareError('BAD_USER_INPUT', { message, withStatus: true });

export function readVerification(rc: GatewayGraphQLRequestContext, variables: Record<string, unknown>): VerifySubject[] {
  const roots = rc.operation.selectionSet.selections;
  const calls = roots.filter((root) => root.kind === Kind.FIELD && root.name.value === 'verify');
  const others = roots.filter((root) => !(root.kind === Kind.FIELD && (root.name.value === 'verify' || root.name.value === '__typename')));
  if (calls.length !== 1 || others.length > 0) throw invalid('verify is answered on its own: send one verify field, and nothing else, per operation');
  const field = rc.schema.getQueryType()?.getFields()['verify'];
  const node = calls[0]!;
  if (!field || node.kind !== Kind.FIELD) throw invalid('verify is not served by this supergraph');
  const { subjects } = getArgumentValues(field, node, variables) as { subjects: Array<Record<string, unknown>> };
  if (subjects.length > MAX_VERIFY_SUBJECTS) {
    throw shareError('TOO_MANY_SUBJECTS', {
      message: `One verify call may name at most ${MAX_VERIFY_SUBJECTS} subjects; got ${subjects.length}`,
      extensions: { max: MAX_VERIFY_SUBJECTS, found: subjects.length },
      withStatus: true,
    });
  }
  return subjects.map((subject, index) => readSubject(rc, subject, index));
}

function readSubject(rc: GatewayGraphQLRequestContext, subject: Record<string, unknown>, index: number): VerifySubject {
  const citizenId = subject['citizenId'];
  const creditCode = subject['creditCode'];
  const where = `subjects[${index}]`;
  if ((citizenId == null) === (creditCode == null)) throw invalid(`${where}: give exactly one of citizenId or creditCode`);
  const [typeName, keyField, key] = citizenId != null ? (['Resident', 'citizenId', citizenId] as const) : (['Enterprise', 'creditCode', creditCode] as const);
  const claims = subject['claims'];
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw invalid(`${where}.claims: give an object of claimed values by item name`);
  const entries = Object.entries(claims);
  if (entries.length === 0 || entries.length > MAX_CLAIMS_PER_SUBJECT) throw invalid(`${where}.claims: give 1 to ${MAX_CLAIMS_PER_SUBJECT} claims`);
  const type = rc.schema.getType(typeName);
  const fields = isObjectType(type) ? type.getFields() : {};
  return {
    typeName,
    keyField,
    key: String(key),
    claims: entries.map(([fieldName, claimed]) => {
      const item = `${where}.claims.${fieldName.length > 64 ? `${fieldName.slice(0, 64)}…` : fieldName}`;
      const definition = Object.hasOwn(fields, fieldName) ? fields[fieldName] : undefined;
      const leaf = definition && getNamedType(definition.type);
      if (!definition || !isLeafType(leaf) || isListType(getNullableType(definition.type)) || fieldName === keyField) {
        throw invalid(`${item}: not a single-valued item of ${typeName} that can be verified`);
      }
      return { coordinate: `${typeName}.${fieldName}`, fieldName, value: parseClaim(leaf, claimed, item) };
    }),
  };
}

function parseClaim(leaf: GraphQLLeafType, claimed: unknown, item: string): unknown {
  if (claimed === null || typeof claimed === 'object') throw invalid(`${item}: claim a single value`);
  if (typeof claimed === 'string' && claimed.length > MAX_CLAIM_LENGTH) throw invalid(`${item}: a claimed text has at most ${MAX_CLAIM_LENGTH} characters`);
  let parsed: unknown;
  try {
    parsed = leaf.parseValue(claimed);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed === null) throw invalid(`${item}: the claimed value is not a valid ${leaf.name}`);
  return parsed;
}
