/** 区自然资源局: real-estate registration, natural resources and geospatial base resource. */
import { readFileSync } from 'node:fs';
import { demoFreshness } from '../shared/data-as-of.ts';
import type { DepartmentDefinition } from '../shared/department.ts';
import { createRealEstateLoaders, type RealEstateLoaders } from './loaders.ts';
import { realEstateResolvers } from './resolvers.ts';
import { createRealEstateStore, type RealEstateStore } from './store.ts';

export const naturalResources: DepartmentDefinition<RealEstateStore, RealEstateLoaders> = {
  name: 'natural-resources',
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  createBackend: createRealEstateStore,
  createLoaders: createRealEstateLoaders,
  resolvers: realEstateResolvers,
  // Registrations are recorded as they are made (mortgage and seizure included); keep the cache short.
  cachePolicy: { Query: { realEstateRight: { ttl: 60 } } },
  // Demo data as of (art. 14); stale on purpose where behind its cycle.
  freshness: (_store, now) => demoFreshness({ RealEstateRight: 3 }, now),
};
