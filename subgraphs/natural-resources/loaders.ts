/** Per-request loaders: N certificate, resident or enterprise keys in one call cost one store lookup. */
import DataLoader from 'dataloader';
import type { RealEstateRightRecord, RealEstateStore } from './store.ts';

export interface RealEstateLoaders {
  right: DataLoader<string, RealEstateRightRecord | undefined>;
  rightsByResident: DataLoader<string, RealEstateRightRecord[]>;
  rightsByEnterprise: DataLoader<string, RealEstateRightRecord[]>;
}

export function createRealEstateLoaders(store: RealEstateStore): RealEstateLoaders {
  return {
    right: new DataLoader(async (numbers) => store.findRights(numbers)),
    rightsByResident: new DataLoader(async (ids) => store.findRightsByResident(ids)),
    rightsByEnterprise: new DataLoader(async (codes) => store.findRightsByEnterprise(codes)),
  };
}
