import { assertBatchSize } from '../shared/assert-batch-size.ts';
import { assertCitizenId } from '../shared/assert-key.ts';
import { defineResolvers } from '../shared/define-resolvers.ts';
import type { DepartmentContext } from '../shared/department.ts';
import type { PopulationLoaders } from './loaders.ts';
import type { PopulationStore } from './store.ts';

type Context = DepartmentContext<PopulationStore, PopulationLoaders>;

export const populationResolvers = defineResolvers<Context>({
  Query: {
    resident: (_root: unknown, args: { citizenId: string }, ctx: Context) => ctx.loaders.resident.load(args.citizenId),
    residents: (_root: unknown, args: { citizenIds: string[] }, ctx: Context) => {
      assertBatchSize(args.citizenIds);
      return ctx.loaders.resident.loadMany(args.citizenIds);
    },
  },
  Resident: {
    __resolveReference: (reference: { citizenId: unknown }, _args: unknown, ctx: Context) => ctx.loaders.resident.load(assertCitizenId(reference.citizenId)),
  },
});
