/** Per-request loaders: N certificate, enterprise or resident keys in one call cost one store lookup. */
import DataLoader from 'dataloader';
import type { CertificateStore, LicenceRecord, PracticeCertificateRecord } from './store.ts';

export interface CertificateLoaders {
  licence: DataLoader<string, LicenceRecord | undefined>;
  practiceCertificate: DataLoader<string, PracticeCertificateRecord | undefined>;
  /** Licences by the holder's credit code. */
  licencesByEnterprise: DataLoader<string, LicenceRecord[]>;
  /** Certificates by the holder's citizen ID. */
  certificatesByResident: DataLoader<string, PracticeCertificateRecord[]>;
}

export function createCertificateLoaders(store: CertificateStore): CertificateLoaders {
  return {
    licence: new DataLoader(async (numbers) => store.findLicences(numbers)),
    practiceCertificate: new DataLoader(async (numbers) => store.findPracticeCertificates(numbers)),
    licencesByEnterprise: new DataLoader(async (codes) => store.findCertificatesByEnterprise(codes)),
    certificatesByResident: new DataLoader(async (ids) => store.findCertificatesByResident(ids)),
  };
}
