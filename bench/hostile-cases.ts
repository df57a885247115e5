/**
 * The hostile operations the gateway must refuse before any work, each with the code it must answer.
 * Shared by `npm run bench:hostile` (which times them) and readable as the list of what the limits defend.
 */
import { district, DEMO } from '../subgraphs/shared/district.ts';

export interface HostileCase {
  name: string;
  /** JSON body (one operation or a batch). */
  body: unknown;
  /** Sent without X-Share-Purpose (introspection needs none). */
  noPurpose?: boolean;
  code: string;
}

const citizenIds = district().residents.map((resident) => resident.citizenId);
const times = (n: number, part: (i: number) => string, separator = ' ') => Array.from({ length: n }, (_, i) => part(i)).join(separator);

function fanOut(levels: number): string {
  const fragments = ['fragment F0 on Resident { name }'];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Resident { ...F${i - 1} ...F${i - 1} }`);
  return `{ resident(citizenId: "${DEMO.resident}") { ...F${levels} } } ${fragments.join(' ')}`;
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  { name: 'fragment fan-out 2^24 (1 KB)', body: { query: fanOut(24) }, code: 'OPERATION_TOO_COMPLEX' },
  {
    name: '4 000 aliases of a data field (200 KB)',
    body: { query: `{ ${times(4_000, (i) => `a${i}: resident(citizenId: "${DEMO.resident}") { name }`)} }` },
    code: 'OPERATION_TOO_COMPLEX',
  },
  {
    name: '4 000 aliases of __schema, no purpose',
    noPurpose: true,
    body: { query: `{ ${times(4_000, (i) => `s${i}: __schema { types { name fields { name } } }`)} }` },
    code: 'OPERATION_TOO_COMPLEX',
  },
  {
    name: '4 × __schema within the token limit',
    noPurpose: true,
    body: { query: `{ ${times(4, (i) => `s${i}: __schema { types { name fields { name } } }`)} }` },
    code: 'OPERATION_TOO_COMPLEX',
  },
  { name: 'token flood (250 KB)', body: { query: `{ ${'a '.repeat(125_000)}}` }, code: 'OPERATION_TOO_COMPLEX' },
  { name: 'nested braces (250 KB)', body: { query: `${'{a'.repeat(80_000)}${'}'.repeat(80_000)}` }, code: 'OPERATION_TOO_COMPLEX' },
  { name: 'token flood (1 MB body)', body: { query: `{ ${'a '.repeat(500_000)}}` }, code: 'PAYLOAD_TOO_LARGE' },
  {
    name: '2 400 copies of one field (within tokens)',
    body: { query: `{ resident(citizenId: "${DEMO.resident}") { ${'name '.repeat(2_400)}} }` },
    code: 'OPERATION_TOO_COMPLEX',
  },
  {
    name: '1 600 aliases of one field (within tokens)',
    body: { query: `{ resident(citizenId: "${DEMO.resident}") { ${times(1_600, (i) => `n${i}: name`)} } }` },
    code: 'OPERATION_TOO_COMPLEX',
  },
  {
    name: '800 directives on one field',
    body: { query: `{ resident(citizenId: "${DEMO.resident}") { name ${'@include(if: true) '.repeat(800)}} }` },
    code: 'OPERATION_TOO_COMPLEX',
  },
  {
    name: '30 aliased residents × 100 keys',
    body: { query: `{ ${times(30, (i) => `r${i}: residents(citizenIds: ${JSON.stringify(citizenIds.slice(i * 100, i * 100 + 100))}) { name }`)} }` },
    code: 'OPERATION_TOO_COMPLEX',
  },
  {
    name: '15 aliased residents × 10 keys',
    body: { query: `{ ${times(15, (i) => `r${i}: residents(citizenIds: ${JSON.stringify(citizenIds.slice(i * 10, i * 10 + 10))}) { name }`)} }` },
    code: 'TOO_MANY_KEYS',
  },
  {
    name: '3 000 keys in one variable',
    body: { query: 'query($ids: [CitizenId!]!) { residents(citizenIds: $ids) { name } }', variables: { ids: citizenIds } },
    code: 'TOO_MANY_KEYS',
  },
  {
    name: 'batch of 20 × 101 keys',
    body: Array.from({ length: 20 }, () => ({ query: `{ residents(citizenIds: ${JSON.stringify(citizenIds.slice(0, 101))}) { name } }` })),
    code: 'TOO_MANY_KEYS',
  },
  { name: 'batch of 21 operations', body: Array.from({ length: 21 }, () => ({ query: '{ __typename }' })), code: 'OPERATION_TOO_COMPLEX' },
];
