import { assertCitizenId, assertCreditCode } from '../shared/assert-key.ts';
import { defineResolvers } from '../shared/define-resolvers.ts';
import type { DepartmentContext } from '../shared/department.ts';
import type { CertificateLoaders } from './loaders.ts';
import type { CertificateRecord, CertificateStore, LicenceRecord } from './store.ts';

type Context = DepartmentContext<CertificateStore, CertificateLoaders>;

// Holders are references only: the population and enterprise registers resolve the rest.
const enterpriseHolder = (record: { holderCreditCode: string }) => ({ creditCode: record.holderCreditCode });

export const certificateResolvers = defineResolvers<Context>({
  Query: {
    licence: (_root: unknown, args: { certificateNo: string }, ctx: Context) => ctx.loaders.licence.load(args.certificateNo),
    practiceCertificate: (_root: unknown, args: { certificateNo: string }, ctx: Context) => ctx.loaders.practiceCertificate.load(args.certificateNo),
  },
  Certificate: {
    // Mercurius reads `resolveType` (not graphql-tools' `__resolveType`) on interfaces.
    resolveType: (record: CertificateRecord) => record.kind,
  },
  Licence: {
    resolveType: (record: LicenceRecord) => record.kind,
  },
  BusinessLicence: { holder: enterpriseHolder },
  FoodBusinessPermit: { holder: enterpriseHolder },
  PracticeCertificate: {
    holder: (record: { holderCitizenId: string }) => ({ citizenId: record.holderCitizenId }),
  },
  Resident: {
    __resolveReference: (reference: { citizenId: unknown }) => ({ citizenId: assertCitizenId(reference.citizenId) }),
    certificates: (resident: { citizenId: string }, _args: unknown, ctx: Context) => ctx.loaders.certificatesByResident.load(resident.citizenId),
  },
  Enterprise: {
    __resolveReference: (reference: { creditCode: unknown }) => ({ creditCode: assertCreditCode(reference.creditCode) }),
    licences: (enterprise: { creditCode: string }, _args: unknown, ctx: Context) => ctx.loaders.licencesByEnterprise.load(enterprise.creditCode),
  },
});
