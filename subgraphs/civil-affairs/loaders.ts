/** Per-request loaders: N resident keys in one `_entities` call cost one store lookup. */
import DataLoader from 'dataloader';
import type { CivilAffairsStore, CivilRecord } from './store.ts';

export interface CivilAffairsLoaders {
  civilRecord: DataLoader<string, CivilRecord | undefined>;
}

export function createCivilAffairsLoaders(store: CivilAffairsStore): CivilAffairsLoaders {
  return { civilRecord: new DataLoader(async (ids) => store.findCivilRecords(ids)) };
}
