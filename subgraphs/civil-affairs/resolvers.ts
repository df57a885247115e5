import { assertCitizenId } from '../shared/assert-key.ts';
import { defineResolvers } from '../shared/define-resolvers.ts';
import type { DepartmentContext } from '../shared/department.ts';
import type { CivilAffairsLoaders } from './loaders.ts';
import type { CivilAffairsStore, MarriageRegistrationRecord } from './store.ts';

type Context = DepartmentContext<CivilAffairsStore, CivilAffairsLoaders>;

export const civilAffairsResolvers = defineResolvers<Context>({
  Query: {
    subsistenceAllowanceStandard: (_root: unknown, args: { year: number; rural: boolean }, ctx: Context) =>
      ctx.backend.subsistenceAllowanceStandard(args.year, args.rural) ?? null,
  },
  Resident: {
    __resolveReference: (reference: { citizenId: unknown }, _args: unknown, ctx: Context) => ctx.loaders.civilRecord.load(assertCitizenId(reference.citizenId)),
  },
  MarriageRegistration: {
    // A reference only: the population register resolves the person.
    spouse: (registration: MarriageRegistrationRecord) => (registration.spouseCitizenId === null ? null : { citizenId: registration.spouseCitizenId }),
  },
});
