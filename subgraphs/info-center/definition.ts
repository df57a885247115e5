/**
 * 区信息中心, the platform operator's own subgraph: the governance API (catalog, department registry,
 * access requests, grants, disputes, audit views), composed into the supergraph like any department's
 * and reached only through the gateway (signed calls, audited like any request). The launcher in
 * `scripts/` starts it beside the gateway.
 */
import { readFileSync } from 'node:fs';
import { PLATFORM_OPERATOR } from '../../policies/types.ts';
import type { DepartmentDefinition } from '../shared/department.ts';
import type { GovernanceLoaders, GovernanceServices } from './governance-services.ts';
import { loadFreshnessReadings } from './freshness.ts';
import { governanceResolvers } from './resolvers.ts';
import { loadWorkingCalendar } from './working-calendar.ts';

/** Its port in the demo, just below the department subgraphs' 4101… (README, Demo data). */
export const INFO_CENTER_DEFAULT_PORT = 4100;

export const INFO_CENTER_TYPE_DEFS = [
  './schema.graphql',
  './data-minimisation.graphql',
  './policy-simulation.graphql',
  './notifications.graphql',
  './evaluation.graphql',
]
  .map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'))
  .join('\n');

export function createInfoCenterSubgraph(services: GovernanceServices): DepartmentDefinition<GovernanceServices, GovernanceLoaders> {
  return {
    name: PLATFORM_OPERATOR,
    typeDefs: INFO_CENTER_TYPE_DEFS,
    createBackend: () => services,
    createLoaders: (backend) => {
      let calendar: ReturnType<GovernanceLoaders['calendar']> | undefined;
      let readings: ReturnType<GovernanceLoaders['freshnessReadings']> | undefined;
      return {
        calendar: () => (calendar ??= loadWorkingCalendar(backend.db)),
        freshnessReadings: () => (readings ??= loadFreshnessReadings(backend.db)),
      };
    },
    resolvers: governanceResolvers,
    // Governance answers reflect decisions just taken: nothing is cached.
    cachePolicy: {},
  };
}
