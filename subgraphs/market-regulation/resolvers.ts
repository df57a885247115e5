import { assertBatchSize } from '../shared/assert-batch-size.ts';
import { assertCitizenId, assertCreditCode } from '../shared/assert-key.ts';
import { defineResolvers } from '../shared/define-resolvers.ts';
import type { DepartmentContext } from '../shared/department.ts';
import type { EnterpriseLoaders } from './loaders.ts';
import type { EnterpriseRecord, EnterpriseStore } from './store.ts';

type Context = DepartmentContext<EnterpriseStore, EnterpriseLoaders>;

export const enterpriseResolvers = defineResolvers<Context>({
  Query: {
    enterprise: (_root: unknown, args: { creditCode: string }, ctx: Context) => ctx.loaders.enterprise.load(args.creditCode),
    enterprises: (_root: unknown, args: { creditCodes: string[] }, ctx: Context) => {
      assertBatchSize(args.creditCodes);
      return ctx.loaders.enterprise.loadMany(args.creditCodes);
    },
  },
  Enterprise: {
    __resolveReference: (reference: { creditCode: unknown }, _args: unknown, ctx: Context) =>
      ctx.loaders.enterprise.load(assertCreditCode(reference.creditCode)),
    // A reference only: the population register resolves the person.
    legalRepresentative: (enterprise: EnterpriseRecord) => ({ citizenId: enterprise.legalRepresentativeId }),
  },
  Resident: {
    __resolveReference: (reference: { citizenId: unknown }) => ({ citizenId: assertCitizenId(reference.citizenId) }),
    legalRepresentativeOf: (resident: { citizenId: string }, _args: unknown, ctx: Context) => ctx.loaders.enterprisesByRepresentative.load(resident.citizenId),
  },
});
