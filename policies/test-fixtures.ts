/** A small resource schema and catalog shared by the policy tests. */
import { buildSchema } from 'graphql';
import type { FieldShare, Grant, ShareCatalog, ShareType } from './types.ts';

export const testSchema = buildSchema(`
  type Query { resident(id: ID!): Resident  search(text: String): [SearchHit!]!  holder(no: ID!): Holder }
  type Resident implements Holder { id: ID!  name: String  pension: Float  pensionIn(year: Int): Float  record: String  address: String  employer: Enterprise  formerEmployer: Enterprise }
  type Enterprise implements Holder { id: ID!  name: String  penalties: String }
  interface Holder { id: ID!  name: String }
  union SearchHit = Resident | Enterprise
`);

const shares: Array<[string, ShareType, string]> = [
  ['Query.resident', 'UNCONDITIONAL', 'public-security'],
  ['Query.search', 'UNCONDITIONAL', 'public-security'],
  ['Query.holder', 'UNCONDITIONAL', 'approval'],
  ['Resident.id', 'UNCONDITIONAL', 'public-security'],
  ['Resident.name', 'UNCONDITIONAL', 'public-security'],
  ['Resident.pension', 'CONDITIONAL', 'human-resources'],
  ['Resident.record', 'NONE', 'public-security'],
  ['Resident.address', 'CONDITIONAL', 'public-security'],
  ['Resident.employer', 'UNCONDITIONAL', 'human-resources'],
  ['Resident.formerEmployer', 'CONDITIONAL', 'human-resources'],
  ['Resident.pensionIn', 'CONDITIONAL', 'human-resources'],
  ['Enterprise.id', 'UNCONDITIONAL', 'market-regulation'],
  ['Enterprise.name', 'UNCONDITIONAL', 'market-regulation'],
  ['Enterprise.penalties', 'CONDITIONAL', 'market-regulation'],
  ['Holder.id', 'UNCONDITIONAL', 'approval'],
  ['Holder.name', 'UNCONDITIONAL', 'approval'],
];

export const testCatalog: ShareCatalog = new Map(
  shares.map(([coordinate, shareType, provider]): [string, FieldShare] => {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    return [coordinate, { coordinate, typeName, fieldName, shareType, provider, declared: true, ...(shareType === 'NONE' ? { basis: 'law' } : {}) }];
  }),
);

export const NOW = new Date('2026-06-01T00:00:00Z');

export function grant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: 'g1',
    kind: 'REQUEST',
    dept: 'civil-affairs',
    field: 'Resident.pension',
    purpose: 'ADMINISTRATIVE_BASIS',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-01-01T00:00:00Z',
    ...overrides,
  };
}
