/** Per-request loaders: N certificate, enterprise or resident keys in one call cost one store lookup. */
import DataLoader from 'dataloader';
import type { CertificateRecord, CertificateStore } from './store.ts';

export interface CertificateLoaders {
  certificate: DataLoader<string, CertificateRecord | undefined>;
  /** Licences by the holder's credit code. */
  licencesByEnterprise: DataLoader<string, CertificateRecord[]>;
  /** Certificates by the holder's citizen ID. */
  certificatesByResident: DataLoader<string, CertificateRecord[]>;
}

export function createCertificateLoaders(store: CertificateStore): CertificateLoaders {
  return {
    certificate: new DataLoader(async (numbers) => store.findCertificates(numbers)),
    licencesByEnterprise: new DataLoader(async (codes) => store.findCertificatesByEnterprise(codes)),
    certificatesByResident: new DataLoader(async (ids) => store.findCertificatesByResident(ids)),
  };
}
