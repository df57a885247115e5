/** 区公安分局: population base resource. */
import { readFileSync } from 'node:fs';
import type { DepartmentDefinition } from '../shared/department.ts';
import { createPopulationLoaders, type PopulationLoaders } from './loaders.ts';
import { populationResolvers } from './resolvers.ts';
import { createPopulationStore, type PopulationStore } from './store.ts';

export const publicSecurity: DepartmentDefinition<PopulationStore, PopulationLoaders> = {
  name: 'public-security',
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  createStore: createPopulationStore,
  createLoaders: createPopulationLoaders,
  resolvers: populationResolvers,
  // The population register is updated daily.
  cachePolicy: { Query: { resident: { ttl: 60 }, residents: { ttl: 60 } } },
};
