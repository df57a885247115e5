import { shareError } from '../../platform/errors.ts';
import { MAX_OPEN_CASE_SUBJECTS } from '../../policies/open-case.ts';
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
    // The gateway asks this when a grant covers only residents the bureau holds an open case for (README, Data minimisation),
    // about at most as many residents as it accepts.
    civilAffairsOpenCases: (_root: unknown, args: { subjects: string[] }, ctx: Context) => {
      if (args.subjects.length > MAX_OPEN_CASE_SUBJECTS)
        throw shareError('BAD_USER_INPUT', { message: `Ask about at most ${MAX_OPEN_CASE_SUBJECTS} residents at a time` });
      return ctx.backend.findOpenCases([...new Set(args.subjects)]);
    },
  },
  Resident: {
    __resolveReference: (reference: { citizenId: unknown }, _args: unknown, ctx: Context) => ctx.loaders.civilRecord.load(assertCitizenId(reference.citizenId)),
  },
  MarriageRegistration: {
    // A reference only: the population register resolves the person.
    spouse: (registration: MarriageRegistrationRecord) => (registration.spouseCitizenId === null ? null : { citizenId: registration.spouseCitizenId }),
  },
});
