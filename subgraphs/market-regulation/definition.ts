/** 区市场监督管理局: legal-entity base resource. */
import { readFileSync } from 'node:fs';
import { demoFreshness } from '../shared/data-as-of.ts';
import type { DepartmentDefinition } from '../shared/department.ts';
import { createEnterpriseLoaders, type EnterpriseLoaders } from './loaders.ts';
import { enterpriseResolvers } from './resolvers.ts';
import { createEnterpriseStore, type EnterpriseStore } from './store.ts';

export const marketRegulation: DepartmentDefinition<EnterpriseStore, EnterpriseLoaders> = {
  name: 'market-regulation',
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  createBackend: createEnterpriseStore,
  createLoaders: createEnterpriseLoaders,
  resolvers: enterpriseResolvers,
  // The enterprise register is updated daily.
  cachePolicy: { Query: { enterprise: { ttl: 60 }, enterprises: { ttl: 60 } } },
  // Demo data as of (art. 14); stale on purpose where behind its cycle.
  freshness: (_store, now) => demoFreshness({ Enterprise: 9, AdministrativePenalty: 2 }, now),
};
