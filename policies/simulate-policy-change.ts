/**
 * Simulate policy change
 *
 * What a proposed policy change would do to the operations consumers actually ran: each stored
 * operation (literal-free document, consumer department, application, purpose, how often, when last)
 * is decided twice — under the share metadata and grants as they stand, and as they would stand after
 * the change — by the very functions the gateway enforces with (`buildShareAbility`,
 * `authorizeOperation`, `rowScopeOf`/`decideRow` for masks and row conditions, `authorizeVerification`
 * for verification calls), so the dry run cannot drift from enforcement. Every requested `Type.field`
 * whose access differs is a gain or a loss, grouped by consumer department, purpose and item, and by
 * consumer department and operation name, with counts and a few example operations.
 * Both sides are judged at the same instant (`now`): the question is what the change does to the
 * traffic of the last days, not what that traffic was served at the time (the audit records say that).
 * Serves 周政发〔2018〕6号 art. 13 (grants as approved, withdrawn when revoked), 17 (supervision) and 23
 * (personal data shared no further than needed: a provider sees what a mask or revocation would cost
 * before it decides).
 */
import { getOperationAST, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { authorizeOperation } from './authorize-operation.ts';
import { authorizeVerification } from './authorize-verification.ts';
import { buildShareAbility, type ShareAbility } from './build-share-ability.ts';
import { decideRow, rowScopeOf } from './decide-row.ts';
import type { Grant, Purpose, ShareCatalog } from './types.ts';

/** How a consumer receives an item: in full, masked for some or all records, only for records meeting a condition, only by verification, or not at all. */
export type ItemAccess = 'READ' | 'MASKED' | 'ROWS' | 'VERIFY' | 'DENIED';
/** Higher is more open; a change to a higher rank is a gain, to a lower one a loss. */
const RANK: Readonly<Record<ItemAccess, number>> = { READ: 3, MASKED: 2, ROWS: 1, VERIFY: 1, DENIED: 0 };

/** The policy inputs an ability is built from. */
export interface PolicyInputs {
  catalog: ShareCatalog;
  grants: readonly Grant[];
}

/** One distinct operation run by one application of one department for one purpose, over the period. */
export interface ReplayedOperation {
  documentHash: string;
  /** Literal-free document text, as the audit keeps it. */
  document: string;
  operationName: string | null;
  dept: string;
  app: string;
  purpose: Purpose;
  /** Audited requests it stands for. */
  requests: number;
  /** ISO 8601 instant of the last of them. */
  lastSeen: string;
  /** Items claimed in verification calls (`verify`): their claims travel in variables, so the records name them. */
  verifiedItems?: readonly string[];
}

export interface SimulationInput {
  schema: GraphQLSchema;
  operations: readonly ReplayedOperation[];
  before: PolicyInputs;
  after: PolicyInputs;
  now: Date;
  /** Report only items of this provider (a provider's sharing administrator sees its own items); absent: all. */
  provider?: string;
  /** Most examples per effect; default 3. */
  examples?: number;
}

export interface OperationExample {
  operationName: string | null;
  documentHash: string;
}

/** One item whose access changes for one consumer department and purpose. */
export interface PolicyEffect {
  department: string;
  purpose: Purpose;
  item: string;
  before: ItemAccess;
  after: ItemAccess;
  /** Distinct operations (document, application) affected, and the audited requests they stand for. */
  operations: number;
  requests: number;
  apps: string[];
  examples: OperationExample[];
  lastSeen: string;
}

/** One consumer department's operation of one name: the items it would gain and lose. */
export interface OperationEffect {
  department: string;
  operationName: string | null;
  requests: number;
  gained: string[];
  lost: string[];
}

export interface PolicySimulation {
  /** Operations decided, and the requests they stand for. */
  replayed: number;
  requests: number;
  /** Operations whose stored document could not be read (not GraphQL, or not one operation): not decided. */
  unreadable: number;
  gains: PolicyEffect[];
  losses: PolicyEffect[];
  operations: OperationEffect[];
}

/** Parsing stops beyond this many tokens: stored documents passed the admission limit of 3 000. */
const MAX_DOCUMENT_TOKENS = 3_000;

type Side = 'before' | 'after';

export function simulatePolicyChange(input: SimulationInput): PolicySimulation {
  const abilities = new Map<string, ShareAbility>();
  const abilityOf = (side: Side, dept: string, purpose: Purpose) => {
    const key = `${side}\n${dept}\n${purpose}`;
    let ability = abilities.get(key);
    if (!ability) {
      const { catalog, grants } = input[side];
      abilities.set(key, (ability = buildShareAbility({ consumer: { dept }, purpose, catalog, grants, now: input.now }).ability));
    }
    return ability;
  };
  const documents = new Map<string, DocumentNode | undefined>();
  const accesses = new Map<string, Map<string, ItemAccess>>();
  const accessOf = (side: Side, operation: ReplayedOperation, document: DocumentNode) => {
    const key = `${side}\n${operation.dept}\n${operation.purpose}\n${operation.documentHash}`;
    let items = accesses.get(key);
    if (!items)
      accesses.set(key, (items = decideItems(input.schema, document, operation.verifiedItems ?? [], abilityOf(side, operation.dept, operation.purpose))));
    return items;
  };
  const report = createReport(input.examples ?? 3);
  let replayed = 0;
  let requests = 0;
  let unreadable = 0;
  for (const operation of input.operations) {
    if (!documents.has(operation.documentHash)) documents.set(operation.documentHash, readDocument(operation.document));
    const document = documents.get(operation.documentHash);
    if (!document) {
      unreadable += 1;
      continue;
    }
    replayed += 1;
    requests += operation.requests;
    const before = accessOf('before', operation, document);
    const after = accessOf('after', operation, document);
    for (const item of new Set([...before.keys(), ...after.keys()])) {
      if (input.provider !== undefined && providerOf(input, item) !== input.provider) continue;
      const was = before.get(item) ?? 'DENIED';
      const becomes = after.get(item) ?? 'DENIED';
      if (was !== becomes) report.add(operation, item, was, becomes, RANK[becomes] > RANK[was]);
    }
  }
  return { replayed, requests, unreadable, ...report.result() };
}

function providerOf(input: SimulationInput, item: string): string | undefined {
  return input.before.catalog.get(item)?.provider ?? input.after.catalog.get(item)?.provider;
}

/** The stored text as one executable operation; undefined when it is not one. */
function readDocument(text: string): DocumentNode | undefined {
  try {
    const document = parse(text, { noLocation: true, maxTokens: MAX_DOCUMENT_TOKENS });
    return getOperationAST(document) ? document : undefined;
  } catch {
    return undefined;
  }
}

/** Each requested item's access under one ability: the gateway's verdict, then how each kept item is delivered. */
function decideItems(schema: GraphQLSchema, document: DocumentNode, verifiedItems: readonly string[], ability: ShareAbility): Map<string, ItemAccess> {
  const items = new Map<string, ItemAccess>();
  const verdict = authorizeOperation(schema, document, getOperationAST(document)!, ability);
  for (const denied of verdict.deniedFields) items.set(denied.coordinate, 'DENIED');
  for (const coordinate of verdict.grantedFields) items.set(coordinate, deliveryOf(ability, coordinate));
  const verification = authorizeVerification(ability, verifiedItems);
  for (const coordinate of verification.verifiable) items.set(coordinate, 'VERIFY');
  for (const coordinate of verification.denied) items.set(coordinate, 'DENIED');
  return items;
}

/** How a readable item is delivered: the record-level decision, asked for a record that meets no condition. */
function deliveryOf(ability: ShareAbility, coordinate: string): ItemAccess {
  const [typeName = '', fieldName = ''] = coordinate.split('.');
  if (rowScopeOf(ability, typeName, fieldName) === undefined) return 'READ';
  const verdict = decideRow(ability, typeName, fieldName, {}).verdict;
  return verdict === 'FORBIDDEN_ROW' ? 'ROWS' : verdict;
}

/** Most entries of each list in the report; the rest are counted in the totals only. */
const MAX_REPORTED_EFFECTS = 200;

function createReport(maxExamples: number) {
  const effects = new Map<string, PolicyEffect & { gain: boolean; seen: Set<string> }>();
  const byOperation = new Map<string, OperationEffect & { counted: Set<string> }>();
  return {
    add(operation: ReplayedOperation, item: string, before: ItemAccess, after: ItemAccess, gain: boolean) {
      const key = JSON.stringify([operation.dept, operation.purpose, item, before, after]);
      let effect = effects.get(key);
      if (!effect) {
        effect = {
          department: operation.dept,
          purpose: operation.purpose,
          item,
          before,
          after,
          operations: 0,
          requests: 0,
          apps: [],
          examples: [],
          lastSeen: '',
          gain,
          seen: new Set(),
        };
        effects.set(key, effect);
      }
      effect.operations += 1;
      effect.requests += operation.requests;
      if (!effect.apps.includes(operation.app)) effect.apps.push(operation.app);
      if (effect.examples.length < maxExamples && !effect.seen.has(operation.documentHash)) {
        effect.seen.add(operation.documentHash);
        effect.examples.push({ operationName: operation.operationName, documentHash: operation.documentHash });
      }
      if (operation.lastSeen > effect.lastSeen) effect.lastSeen = operation.lastSeen;

      const named = JSON.stringify([operation.dept, operation.operationName]);
      let entry = byOperation.get(named);
      if (!entry)
        byOperation.set(
          named,
          (entry = { department: operation.dept, operationName: operation.operationName, requests: 0, gained: [], lost: [], counted: new Set() }),
        );
      const counted = JSON.stringify([operation.documentHash, operation.app, operation.purpose]);
      if (!entry.counted.has(counted)) {
        entry.counted.add(counted);
        entry.requests += operation.requests;
      }
      const list = gain ? entry.gained : entry.lost;
      if (!list.includes(item)) list.push(item);
    },
    result() {
      const strip = ({ gain: _gain, seen: _seen, ...effect }: PolicyEffect & { gain: boolean; seen: Set<string> }): PolicyEffect => ({
        ...effect,
        apps: effect.apps.sort(),
      });
      const all = [...effects.values()].sort((a, b) => b.requests - a.requests || a.department.localeCompare(b.department) || a.item.localeCompare(b.item));
      const operations = [...byOperation.values()]
        .map(({ counted: _counted, ...entry }) => ({ ...entry, gained: entry.gained.sort(), lost: entry.lost.sort() }))
        .sort((a, b) => b.requests - a.requests || a.department.localeCompare(b.department) || (a.operationName ?? '').localeCompare(b.operationName ?? ''));
      return {
        gains: all
          .filter((effect) => effect.gain)
          .slice(0, MAX_REPORTED_EFFECTS)
          .map(strip),
        losses: all
          .filter((effect) => !effect.gain)
          .slice(0, MAX_REPORTED_EFFECTS)
          .map(strip),
        operations: operations.slice(0, MAX_REPORTED_EFFECTS),
      };
    },
  };
}
