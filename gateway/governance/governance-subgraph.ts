/**
 * The platform operator's own subgraph: the governance API, composed into the supergraph like any
 * department's and reached only through the gateway (signed calls, audited like any request).
 */
import { readFileSync } from 'node:fs';
import type { DepartmentDefinition } from '../../subgraphs/shared/department.ts';
import type { GovernanceDeps } from './governance-deps.ts';
import { governanceResolvers } from './resolvers.ts';

export const GOVERNANCE_SUBGRAPH = 'info-center';
export const GOVERNANCE_DEFAULT_PORT = 4100;

export const GOVERNANCE_TYPE_DEFS = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export function createGovernanceSubgraph(deps: GovernanceDeps): DepartmentDefinition<GovernanceDeps, Record<string, never>> {
  return {
    name: GOVERNANCE_SUBGRAPH,
    typeDefs: GOVERNANCE_TYPE_DEFS,
    createStore: () => deps,
    createLoaders: () => ({}),
    resolvers: governanceResolvers,
    // Governance answers reflect decisions just taken: nothing is cached.
    cachePolicy: {},
  };
}
