import { shareError } from '../../platform/errors.ts';
import { assertCitizenId, assertCreditCode } from '../shared/assert-key.ts';
import { defineResolvers } from '../shared/define-resolvers.ts';
import type { DepartmentContext } from '../shared/department.ts';
import type { RealEstateLoaders } from './loaders.ts';
import type { RealEstateStore } from './store.ts';

type Context = DepartmentContext<RealEstateStore, RealEstateLoaders>;

function assertCertificateNo(value: unknown): string {
  if (typeof value === 'string' && value.length > 0) return value;
  throw shareError('BAD_USER_INPUT', { message: 'a real-estate certificate number must be a non-empty string' });
}

export const realEstateResolvers = defineResolvers<Context>({
  Query: {
    realEstateRight: (_root: unknown, args: { certificateNo: string }, ctx: Context) => ctx.loaders.right.load(args.certificateNo),
  },
  RealEstateRight: {
    __resolveReference: (reference: { certificateNo: unknown }, _args: unknown, ctx: Context) =>
      ctx.loaders.right.load(assertCertificateNo(reference.certificateNo)),
  },
  Resident: {
    __resolveReference: (reference: { citizenId: unknown }) => ({ citizenId: assertCitizenId(reference.citizenId) }),
    realEstate: (resident: { citizenId: string }, _args: unknown, ctx: Context) => ctx.loaders.rightsByResident.load(resident.citizenId),
  },
  Enterprise: {
    __resolveReference: (reference: { creditCode: unknown }) => ({ creditCode: assertCreditCode(reference.creditCode) }),
    realEstate: (enterprise: { creditCode: string }, _args: unknown, ctx: Context) => ctx.loaders.rightsByEnterprise.load(enterprise.creditCode),
  },
});
