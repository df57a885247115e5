/** Per-request loaders: N enterprise keys in one `_entities` call cost one store lookup. */
import DataLoader from 'dataloader';
import type { EnterpriseRecord, EnterpriseStore } from './store.ts';

export interface EnterpriseLoaders {
  enterprise: DataLoader<string, EnterpriseRecord | undefined>;
  /** Enterprises by the citizen ID of their legal representative. */
  enterprisesByRepresentative: DataLoader<string, EnterpriseRecord[]>;
}

export function createEnterpriseLoaders(store: EnterpriseStore): EnterpriseLoaders {
  return {
    enterprise: new DataLoader(async (codes) => store.findEnterprises(codes)),
    enterprisesByRepresentative: new DataLoader(async (ids) => store.findEnterprisesByRepresentative(ids)),
  };
}
