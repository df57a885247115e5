/** 区公安分局: population base resource. */
import { readFileSync } from 'node:fs';
import { demoFreshness } from '../shared/data-as-of.ts';
import type { DepartmentDefinition } from '../shared/department.ts';
import { createPopulationLoaders, type PopulationLoaders } from './loaders.ts';
import { populationResolvers } from './resolvers.ts';
import { createPopulationStore, type PopulationStore } from './store.ts';

export const publicSecurity: DepartmentDefinition<PopulationStore, PopulationLoaders> = {
  name: 'public-security',
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  createBackend: createPopulationStore,
  createLoaders: createPopulationLoaders,
  resolvers: populationResolvers,
  // The population register is updated daily; a correction invalidates at once.
  cachePolicy: {
    Query: {
      resident: { ttl: 60, references: ({ arg }) => [`resident:${String(arg['citizenId'])}`] },
      residents: { ttl: 60, references: ({ arg }) => (arg['citizenIds'] as string[]).map((id) => `resident:${id}`) },
    },
  },
  watchChanges: (store, onChange) => store.onChange((citizenIds) => onChange(citizenIds.map((id) => `resident:${id}`))),
  // Demo data as of (art. 14); stale on purpose where behind its cycle.
  freshness: (_store, now) => demoFreshness({ Resident: 0 }, now),
};
