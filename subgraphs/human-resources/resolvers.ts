import { assertCitizenId, assertCreditCode } from '../shared/assert-key.ts';
import { defineResolvers } from '../shared/define-resolvers.ts';
import type { DepartmentContext } from '../shared/department.ts';
import type { SocialInsuranceLoaders } from './loaders.ts';
import type { SocialInsuranceRecord, SocialInsuranceStore } from './store.ts';

type Context = DepartmentContext<SocialInsuranceStore, SocialInsuranceLoaders>;

export const socialInsuranceResolvers = defineResolvers<Context>({
  Query: {
    pensionStandard: (_root: unknown, args: { year: number }, ctx: Context) => ctx.backend.pensionStandard(args.year) ?? null,
  },
  Resident: {
    __resolveReference: (reference: { citizenId: unknown }, _args: unknown, ctx: Context) =>
      ctx.loaders.insuredPerson.load(assertCitizenId(reference.citizenId)),
  },
  SocialInsurance: {
    // A reference only: the enterprise register resolves the rest of the enterprise.
    currentEmployer: (insurance: SocialInsuranceRecord) => (insurance.employerCreditCode === null ? null : { creditCode: insurance.employerCreditCode }),
  },
  Enterprise: {
    __resolveReference: (reference: { creditCode: unknown }, _args: unknown, ctx: Context) => ctx.loaders.employer.load(assertCreditCode(reference.creditCode)),
    // Also reached from SocialInsurance.currentEmployer, where only the key is at hand.
    insuredEmployees: async (enterprise: { creditCode: string }, _args: unknown, ctx: Context) =>
      (await ctx.loaders.employer.load(enterprise.creditCode))?.insuredEmployees ?? null,
  },
});
