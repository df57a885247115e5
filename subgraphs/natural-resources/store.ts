/** The real-estate register of the natural resources bureau, built from the synthetic district. */
import { ageAt } from '../shared/data-as-of.ts';
import { DEMO, district, SUBDISTRICTS } from '../shared/district.ts';
import { createRandom, seedOf, type Random } from '../shared/random.ts';

export type LandUse = 'RESIDENTIAL' | 'COMMERCIAL' | 'INDUSTRIAL';

export interface RealEstateRightRecord {
  certificateNo: string;
  location: string;
  parcelNo: string;
  area: number;
  use: LandUse;
  rightHolderName: string;
  registeredOn: string;
  mortgaged: boolean;
  seized: boolean;
}

export interface RealEstateStore {
  /** One lookup for many certificate numbers: the batch function behind the right loader. */
  findRights(certificateNos: readonly string[]): Array<RealEstateRightRecord | undefined>;
  /** For each citizen ID, the rights the resident holds (empty when none). */
  findRightsByResident(citizenIds: readonly string[]): RealEstateRightRecord[][];
  /** For each credit code, the rights the enterprise holds (empty when none). */
  findRightsByEnterprise(creditCodes: readonly string[]): RealEstateRightRecord[][];
}

const COMMUNITIES = ['丝路花园', '正阳小区', '银座花园', '凤阳苑', '恒星苑', '东岭小区', '盛世华府', '周村古商城东苑'];
const DEMO_CERTIFICATE_SERIAL = 12345;
const pad = (value: number, width: number) => String(value).padStart(width, '0');

function createNumbering(): (year: number) => string {
  let serial = 0;
  return (year) => {
    serial += serial + 1 === DEMO_CERTIFICATE_SERIAL ? 2 : 1;
    return `鲁(${year})周村区不动产权第${pad(serial, 7)}号`;
  };
}

interface Draft {
  use: LandUse;
  location: string;
  rightHolderName: string;
}

function buildRight(random: Random, draft: Draft, certificateNo: (year: number) => string): RealEstateRightRecord {
  const year = random.int(2016, 2025);
  const [minArea, maxArea] = draft.use === 'RESIDENTIAL' ? [55, 160] : draft.use === 'COMMERCIAL' ? [80, 2000] : [2000, 30000];
  return {
    ...draft,
    certificateNo: certificateNo(year),
    parcelNo: `370306${pad(random.int(1, 12), 3)}${pad(random.int(1, 40), 3)}GB${pad(random.int(1, 99999), 5)}`,
    area: random.int(minArea * 100, maxArea * 100) / 100,
    registeredOn: `${year}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`,
    mortgaged: random.chance(draft.use === 'RESIDENTIAL' ? 0.35 : 0.5),
    seized: random.chance(0.02),
  };
}

/** The demo resident owns her home, mortgaged, not seized. */
const DEMO_RIGHT: RealEstateRightRecord = {
  certificateNo: `鲁(2019)周村区不动产权第${pad(DEMO_CERTIFICATE_SERIAL, 7)}号`,
  location: '山东省淄博市周村区丝绸路街道正阳路128号3号楼2单元401室',
  parcelNo: '370306002015GB00128',
  area: 98.64,
  use: 'RESIDENTIAL',
  rightHolderName: '王淑芬',
  registeredOn: '2019-06-18',
  mortgaged: true,
  seized: false,
};

export function createRealEstateStore(): RealEstateStore {
  const certificateNo = createNumbering();
  const byResident = new Map<string, RealEstateRightRecord[]>([[DEMO.resident, [DEMO_RIGHT]]]);
  const byEnterprise = new Map<string, RealEstateRightRecord[]>();
  const { residents, enterprises } = district();
  for (const person of residents) {
    const random = createRandom(seedOf(`natural-resources:${person.citizenId}`));
    if (person.citizenId === DEMO.resident || ageAt(person.birthDate) < 25 || !random.chance(0.6)) continue;
    const rights = [buildRight(random, { use: 'RESIDENTIAL', location: person.address, rightHolderName: person.name }, certificateNo)];
    if (random.chance(0.1)) {
      const location = `山东省淄博市周村区${random.pick(SUBDISTRICTS)}${random.pick(COMMUNITIES)}${random.int(1, 30)}号楼${random.int(1, 4)}单元${random.int(1, 18)}${pad(random.int(1, 4), 2)}室`;
      rights.push(buildRight(random, { use: 'RESIDENTIAL', location, rightHolderName: person.name }, certificateNo));
    }
    byResident.set(person.citizenId, rights);
  }
  for (const seed of enterprises) {
    const random = createRandom(seedOf(`natural-resources:${seed.creditCode}`));
    if (!random.chance(0.4)) continue;
    const use: LandUse = /商贸|餐饮|物流/.test(seed.name) ? 'COMMERCIAL' : 'INDUSTRIAL';
    byEnterprise.set(seed.creditCode, [buildRight(random, { use, location: seed.address, rightHolderName: seed.name }, certificateNo)]);
  }
  const byNumber = new Map<string, RealEstateRightRecord>();
  for (const list of [...byResident.values(), ...byEnterprise.values()]) for (const right of list) byNumber.set(right.certificateNo, right);
  return {
    findRights: (numbers) => numbers.map((number) => byNumber.get(number)),
    findRightsByResident: (ids) => ids.map((id) => byResident.get(id) ?? []),
    findRightsByEnterprise: (codes) => codes.map((code) => byEnterprise.get(code) ?? []),
  };
}
