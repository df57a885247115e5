/** 区人力资源和社会保障局: social insurance thematic resource. */
import { readFileSync } from 'node:fs';
import { demoFreshness } from '../shared/data-as-of.ts';
import type { DepartmentDefinition } from '../shared/department.ts';
import { createSocialInsuranceLoaders, type SocialInsuranceLoaders } from './loaders.ts';
import { socialInsuranceResolvers } from './resolvers.ts';
import { createSocialInsuranceStore, type SocialInsuranceStore } from './store.ts';

export const humanResources: DepartmentDefinition<SocialInsuranceStore, SocialInsuranceLoaders> = {
  name: 'human-resources',
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  createBackend: createSocialInsuranceStore,
  createLoaders: createSocialInsuranceLoaders,
  resolvers: socialInsuranceResolvers,
  // The pension standard is set once a year.
  cachePolicy: { Query: { pensionStandard: { ttl: 3600 } } },
  // Demo data as of (art. 14); stale on purpose where behind its cycle.
  freshness: (_store, now) => demoFreshness({ SocialInsurance: 20, Resident: 20, Enterprise: 20 }, now),
};
