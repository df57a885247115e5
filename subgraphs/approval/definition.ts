/** 区行政审批服务局: e-certificate base resource. */
import { readFileSync } from 'node:fs';
import { demoFreshness } from '../shared/data-as-of.ts';
import type { DepartmentDefinition } from '../shared/department.ts';
import { createCertificateLoaders, type CertificateLoaders } from './loaders.ts';
import { certificateResolvers } from './resolvers.ts';
import { createCertificateStore, type CertificateStore } from './store.ts';

export const approval: DepartmentDefinition<CertificateStore, CertificateLoaders> = {
  name: 'approval',
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  createBackend: createCertificateStore,
  createLoaders: createCertificateLoaders,
  resolvers: certificateResolvers,
  // Certificates are issued and cancelled in real time; a minute keeps cancellations visible quickly.
  cachePolicy: { Query: { licence: { ttl: 60 }, practiceCertificate: { ttl: 60 } } },
  // Demo data as of (art. 14); stale on purpose where behind its cycle.
  freshness: (_store, now) =>
    demoFreshness({ BusinessLicence: 1, FoodBusinessPermit: 1, PracticeCertificate: 1, Certificate: 1, Licence: 1, Resident: 1, Enterprise: 1 }, now),
};
