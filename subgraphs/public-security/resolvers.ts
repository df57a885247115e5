import type { IResolvers } from 'mercurius';
import type { DepartmentContext } from '../shared/department.ts';
import { assertBatchSize } from '../shared/assert-batch-size.ts';
import type { PopulationLoaders } from './loaders.ts';
import type { PopulationStore } from './store.ts';

type Context = DepartmentContext<PopulationStore, PopulationLoaders>;

export const populationResolvers: IResolvers = {
  Query: {
    resident: (_root: unknown, args: { citizenId: string }, ctx: Context) => ctx.loaders.resident.load(args.citizenId),
    residents: (_root: unknown, args: { citizenIds: string[] }, ctx: Context) => {
      assertBatchSize(args.citizenIds);
      return ctx.loaders.resident.loadMany(args.citizenIds);
    },
  },
  Resident: {
    __resolveReference: (reference: { citizenId: string }, _args: unknown, ctx: Context) =>
      ctx.loaders.resident.load(reference.citizenId),
  },
};
