/** The e-certificate register of the administrative approval service bureau, built from the synthetic district. */
import { ageAt, DATA_AS_OF } from '../shared/data-as-of.ts';
import { DEMO, district, type EnterpriseSeed, type PersonSeed } from '../shared/district.ts';
import { createRandom, seedOf, type Random } from '../shared/random.ts';

export type CertificateStatus = 'VALID' | 'EXPIRED' | 'CANCELLED' | 'REVOKED';

interface CertificateBase {
  certificateNo: string;
  title: string;
  issuedBy: string;
  issuedOn: string;
  validUntil: string | null;
  status: CertificateStatus;
}

/** A licence held by an enterprise. */
export type LicenceRecord =
  | (CertificateBase & { kind: 'BusinessLicence'; holderCreditCode: string })
  | (CertificateBase & { kind: 'FoodBusinessPermit'; holderCreditCode: string; operatorType: string; businessItems: string[] });
/** A practice or qualification certificate held by a resident. */
export type PracticeCertificateRecord = CertificateBase & { kind: 'PracticeCertificate'; holderCitizenId: string; profession: string };
export type CertificateRecord = LicenceRecord | PracticeCertificateRecord;

/**
 * Licences and practice certificates are looked up apart: a licence number never answers with a
 * resident's certificate, nor the other way round, whatever number is asked.
 */
export interface CertificateStore {
  /** One lookup for many licence numbers. */
  findLicences(certificateNos: readonly string[]): Array<LicenceRecord | undefined>;
  /** One lookup for many practice certificate numbers. */
  findPracticeCertificates(certificateNos: readonly string[]): Array<PracticeCertificateRecord | undefined>;
  /** For each credit code, the enterprise's licences (empty when none). */
  findCertificatesByEnterprise(creditCodes: readonly string[]): LicenceRecord[][];
  /** For each citizen ID, the resident's certificates (empty when none). */
  findCertificatesByResident(citizenIds: readonly string[]): PracticeCertificateRecord[][];
}

const BUREAU = '淄博市周村区行政审批服务局';
const FOOD_OPERATORS: Array<[digit: number, operatorType: string, items: string[]]> = [
  [1, '食品销售经营者', ['预包装食品（不含冷藏冷冻食品）销售', '散装食品（不含冷藏冷冻食品）销售']],
  [2, '餐饮服务经营者', ['热食类食品制售', '冷食类食品制售']],
  [3, '单位食堂', ['热食类食品制售']],
];
const PRACTICES: Array<[title: string, profession: string, issuedBy: string, validYears: number | null]> = [
  ['医师执业证书', '执业医师（临床）', '淄博市周村区卫生健康局', null],
  ['护士执业证书', '护士', BUREAU, 5],
  ['教师资格证书', '小学教师资格', BUREAU, null],
  ['执业药师注册证', '执业药师', '山东省药品监督管理局', 5],
  ['二级建造师注册证书', '二级建造师（建筑工程）', '山东省住房和城乡建设厅', 3],
  ['特种作业操作证', '电工作业（低压电工作业）', '淄博市应急管理局', 6],
  ['道路运输从业人员从业资格证', '经营性道路旅客运输驾驶员', BUREAU, 6],
];

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const randomDate = (random: Random, fromYear: number, toYear: number) =>
  `${random.int(fromYear, toYear)}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`;
const yearsLater = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
const statusOn = (validUntil: string | null): CertificateStatus => (validUntil !== null && validUntil < DATA_AS_OF ? 'EXPIRED' : 'VALID');

function enterpriseCertificates(seed: EnterpriseSeed, serial: () => number): LicenceRecord[] {
  const random = createRandom(seedOf(`approval:${seed.creditCode}`));
  const licence: LicenceRecord = {
    kind: 'BusinessLicence',
    certificateNo: seed.creditCode,
    title: '营业执照',
    // Registration moved from the industry and commerce bureau to the approval bureau in 2019.
    issuedBy: seed.establishedOn < '2019-03-01' ? '淄博市周村区工商行政管理局' : BUREAU,
    issuedOn: seed.establishedOn,
    validUntil: null,
    status: seed.creditCode !== DEMO.enterprise && random.chance(0.05) ? 'CANCELLED' : 'VALID',
    holderCreditCode: seed.creditCode,
  };
  const foodTrade = /食品|餐饮/.test(seed.name);
  if (seed.creditCode === DEMO.enterprise || !(foodTrade || random.chance(0.15))) return [licence];
  const [digit, operatorType, items] = foodTrade ? random.pick(FOOD_OPERATORS.slice(0, 2)) : FOOD_OPERATORS[2]!;
  const issuedOn = randomDate(random, Math.max(Number(seed.establishedOn.slice(0, 4)), 2016), 2025);
  const body = `${digit}370306${pad(serial(), 6)}`;
  const validUntil = yearsLater(issuedOn, 5);
  return [
    licence,
    {
      kind: 'FoodBusinessPermit',
      certificateNo: `JY${body}${random.int(0, 9)}`,
      title: '食品经营许可证',
      issuedBy: BUREAU,
      issuedOn,
      validUntil,
      status: statusOn(validUntil),
      holderCreditCode: seed.creditCode,
      operatorType,
      businessItems: items,
    },
  ];
}

/** The demo enterprise runs a staff canteen (单位食堂), so it holds a food business permit. */
const DEMO_FOOD_PERMIT: LicenceRecord = {
  kind: 'FoodBusinessPermit',
  certificateNo: 'JY33703060012345',
  title: '食品经营许可证',
  issuedBy: BUREAU,
  issuedOn: '2022-05-10',
  validUntil: '2027-05-09',
  status: 'VALID',
  holderCreditCode: DEMO.enterprise,
  operatorType: '单位食堂',
  businessItems: ['热食类食品制售'],
};

function practiceCertificates(person: PersonSeed, serial: () => number): PracticeCertificateRecord[] {
  const random = createRandom(seedOf(`approval:${person.citizenId}`));
  if (ageAt(person.birthDate) < 22 || !random.chance(0.12)) return [];
  const [title, profession, issuedBy, validYears] = random.pick(PRACTICES);
  const issuedOn = randomDate(random, Math.max(Number(person.birthDate.slice(0, 4)) + 22, 2000), 2025);
  const validUntil = validYears === null ? null : yearsLater(issuedOn, validYears);
  const certificateNo = `${issuedOn.slice(0, 4)}370306${pad(serial(), 6)}`;
  return [
    {
      kind: 'PracticeCertificate',
      certificateNo,
      title,
      issuedBy,
      issuedOn,
      validUntil,
      status: statusOn(validUntil),
      holderCitizenId: person.citizenId,
      profession,
    },
  ];
}

export function createCertificateStore(): CertificateStore {
  let counter = 0;
  const serial = () => ++counter;
  const licences = new Map<string, LicenceRecord>();
  const practiceCertificatesByNumber = new Map<string, PracticeCertificateRecord>();
  const byEnterprise = new Map<string, LicenceRecord[]>();
  const byResident = new Map<string, PracticeCertificateRecord[]>();
  const { residents, enterprises } = district();
  for (const seed of enterprises) {
    const certificates = enterpriseCertificates(seed, serial);
    byEnterprise.set(seed.creditCode, seed.creditCode === DEMO.enterprise ? [...certificates, DEMO_FOOD_PERMIT] : certificates);
  }
  for (const person of residents) byResident.set(person.citizenId, practiceCertificates(person, serial));
  for (const list of byEnterprise.values()) for (const record of list) licences.set(record.certificateNo, record);
  for (const list of byResident.values()) for (const record of list) practiceCertificatesByNumber.set(record.certificateNo, record);
  return {
    findLicences: (numbers) => numbers.map((number) => licences.get(number)),
    findPracticeCertificates: (numbers) => numbers.map((number) => practiceCertificatesByNumber.get(number)),
    findCertificatesByEnterprise: (codes) => codes.map((code) => byEnterprise.get(code) ?? []),
    findCertificatesByResident: (ids) => ids.map((id) => byResident.get(id) ?? []),
  };
}
