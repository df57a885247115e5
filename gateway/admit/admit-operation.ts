/**
 * Admission at the HTTP edge, before Apollo Server sees the request: each operation text of the
 * body (a batch included) is checked for bracket nesting, parsed with the token limit, measured
 * against the operation limits, and the entity keys of the whole request (literals and variables,
 * over every alias and batched operation) are summed. graphql-js' own validation rules are not linear
 * in the worst case (OverlappingFieldsCanBeMerged compares fields pairwise) and would run before any
 * rule of ours, so an operation over a limit never reaches them. Admitted texts are remembered with
 * their figures: a consumer's recurring query is parsed here once. Persisted-query hashes without
 * text pass: Apollo resolves the text, and validation and the key plugin apply the same limits there.
 */
import { GraphQLError, Kind, parse, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { shareError } from '../../platform/errors.ts';
import { keysNamed, measureOperation, type OperationFigures } from './measure-operation.ts';
import { nestingDepth } from './nesting-depth.ts';
import type { OperationLimits } from './operation-limits.ts';
import { exceededLimits } from './operation-limits-rule.ts';

const REMEMBERED_TEXTS = 2_000;
/** Only admitted texts up to this length are remembered, so hostile texts never fill memory. */
const REMEMBERED_LENGTH = 20_000;

/** The first refusal of one request (OPERATION_TOO_COMPLEX or TOO_MANY_KEYS), or undefined when it is admitted. */
export type AdmitOperations = (body: unknown) => GraphQLError | undefined;

/** `schema` gives the current API schema (which arguments are entity keys); until it is known, keys are counted later, in the key plugin. */
export function createOperationAdmission(limits: OperationLimits, schema: () => GraphQLSchema | undefined): AdmitOperations {
  // Admitted texts → figures of each operation, by name ('' for an anonymous one).
  const admitted = new Map<string, Map<string, OperationFigures>>();

  const admit = (query: string): GraphQLError | Map<string, OperationFigures> => {
    if (nestingDepth(query, limits.nesting) > limits.nesting) {
      const message = `The operation nests brackets more than ${limits.nesting} deep; at most ${limits.nesting} are allowed`;
      return shareError('OPERATION_TOO_COMPLEX', { message, extensions: { limit: 'nesting', max: limits.nesting } });
    }
    let document;
    try {
      document = parse(query, { maxTokens: limits.tokens, noLocation: true });
    } catch (error) {
      if (!(error instanceof GraphQLError) || !/Document contains more tha[nt] \d+ tokens/.test(error.message)) return new Map(); // Apollo answers GRAPHQL_PARSE_FAILED
      const message = `The operation has more than ${limits.tokens} tokens; at most ${limits.tokens} are allowed`;
      return shareError('OPERATION_TOO_COMPLEX', { message, extensions: { limit: 'tokens', max: limits.tokens } });
    }
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const operations = new Map<string, OperationFigures>();
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const figures = measureOperation(schema(), definition, fragments);
      const refusal = exceededLimits(figures, limits)[0];
      if (refusal) return refusal;
      operations.set(definition.name?.value ?? '', figures);
    }
    return operations;
  };

  return (body) => {
    let keys = 0;
    for (const operation of Array.isArray(body) ? body : [body]) {
      const { query, operationName, variables } = (operation ?? {}) as { query?: unknown; operationName?: unknown; variables?: unknown };
      if (typeof query !== 'string') continue;
      let operations = admitted.get(query);
      if (!operations) {
        const verdict = admit(query);
        if (verdict instanceof GraphQLError) return verdict;
        operations = verdict;
        if (query.length <= REMEMBERED_LENGTH && schema()) {
          if (admitted.size >= REMEMBERED_TEXTS) admitted.clear();
          admitted.set(query, operations);
        }
      }
      // The operation Apollo will run: the named one, or the only one (otherwise Apollo refuses it).
      const figures = typeof operationName === 'string' ? operations.get(operationName) : operations.size === 1 ? [...operations.values()][0] : undefined;
      if (figures) keys += keysNamed(figures, typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : undefined);
    }
    if (keys <= limits.keysPerRequest) return undefined;
    const message = `The request names ${keys} entity keys; at most ${limits.keysPerRequest} per request are allowed`;
    return shareError('TOO_MANY_KEYS', { message, extensions: { max: limits.keysPerRequest, found: keys } });
  };
}
