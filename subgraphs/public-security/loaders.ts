/** Per-request loaders: N resident keys in one `_entities` call cost one store lookup. */
import DataLoader from 'dataloader';
import type { PopulationStore, ResidentRecord } from './store.ts';

export interface PopulationLoaders {
  resident: DataLoader<string, ResidentRecord | undefined>;
}

export function createPopulationLoaders(store: PopulationStore): PopulationLoaders {
  return { resident: new DataLoader(async (ids) => store.findResidents(ids)) };
}
