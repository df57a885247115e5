/** 区民政局: marriage registration and subsistence allowance (a consumer first, a provider too). */
import { readFileSync } from 'node:fs';
import { demoFreshness } from '../shared/data-as-of.ts';
import type { DepartmentDefinition } from '../shared/department.ts';
import { createCivilAffairsLoaders, type CivilAffairsLoaders } from './loaders.ts';
import { civilAffairsResolvers } from './resolvers.ts';
import { createCivilAffairsStore, type CivilAffairsStore } from './store.ts';

export const civilAffairs: DepartmentDefinition<CivilAffairsStore, CivilAffairsLoaders> = {
  name: 'civil-affairs',
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  createBackend: createCivilAffairsStore,
  createLoaders: createCivilAffairsLoaders,
  resolvers: civilAffairsResolvers,
  // The subsistence allowance standard is set once a year.
  cachePolicy: { Query: { subsistenceAllowanceStandard: { ttl: 3600 } } },
  // Demo data as of (art. 14); stale on purpose where behind its cycle.
  freshness: (_store, now) => demoFreshness({ MarriageRegistration: 1, SubsistenceAllowance: 45, Resident: 1 }, now),
};
