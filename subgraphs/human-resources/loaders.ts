/** Per-request loaders: N resident or employer keys in one `_entities` call cost one store lookup. */
import DataLoader from 'dataloader';
import type { EmployerRecord, InsuredPersonRecord, SocialInsuranceStore } from './store.ts';

export interface SocialInsuranceLoaders {
  insuredPerson: DataLoader<string, InsuredPersonRecord | undefined>;
  employer: DataLoader<string, EmployerRecord | undefined>;
}

export function createSocialInsuranceLoaders(store: SocialInsuranceStore): SocialInsuranceLoaders {
  return {
    insuredPerson: new DataLoader(async (ids) => store.findInsuredPersons(ids)),
    employer: new DataLoader(async (codes) => store.findEmployers(codes)),
  };
}
