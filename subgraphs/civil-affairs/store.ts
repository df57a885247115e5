/** The civil affairs register (marriage registration, subsistence allowance), built from the synthetic district. */
import { ageAt, DATA_AS_OF } from '../shared/data-as-of.ts';
import { DEMO, district, type PersonSeed } from '../shared/district.ts';
import { createRandom, seedOf, type Random } from '../shared/random.ts';

export type MaritalStatus = 'UNMARRIED' | 'MARRIED' | 'DIVORCED' | 'WIDOWED';

export interface MarriageRegistrationRecord {
  registrationNo: string;
  kind: 'MARRIAGE' | 'DIVORCE';
  registeredOn: string;
  registeredBy: string;
  spouseCitizenId: string | null;
}

export interface SubsistenceAllowanceRecord {
  status: 'RECEIVING' | 'SUSPENDED' | 'TERMINATED';
  since: string;
  monthlyAmount: number;
  householdSize: number;
}

/** A 低保 application (最低生活保障申请) the bureau is still handling: submitted, being checked (家庭经济状况核对), not decided. */
export interface AllowanceApplicationRecord {
  applicationNo: string;
  submittedOn: string;
}

export interface CivilRecord {
  citizenId: string;
  maritalStatus: MaritalStatus;
  marriageRegistrations: MarriageRegistrationRecord[];
  subsistenceAllowance: SubsistenceAllowanceRecord | null;
  /** The resident's household has a 低保 application in hand (an open case of the bureau), or null. */
  openAllowanceApplication: AllowanceApplicationRecord | null;
}

export interface CivilAffairsStore {
  /** One lookup for many citizen IDs: the batch function behind the civil-record loader. */
  findCivilRecords(citizenIds: readonly string[]): Array<CivilRecord | undefined>;
  /** Of the given citizen IDs, those with an open 低保 application, in the order given (one lookup, any number). */
  findOpenCases(citizenIds: readonly string[]): string[];
  /** 最低生活保障标准（元/人·月） of a year, or undefined when none was published. */
  subsistenceAllowanceStandard(year: number, rural: boolean): number | undefined;
}

const REGISTRY = '淄博市周村区民政局婚姻登记处';
const URBAN_STANDARDS: Record<number, number> = { 2019: 700, 2020: 740, 2021: 790, 2022: 840, 2023: 880, 2024: 920, 2025: 960, 2026: 1000 };
const RURAL_STANDARDS: Record<number, number> = { 2019: 500, 2020: 550, 2021: 600, 2022: 660, 2023: 700, 2024: 740, 2025: 780, 2026: 820 };
const pad = (value: number, width: number) => String(value).padStart(width, '0');

const randomDate = (random: Random, fromYear: number, toYear: number) =>
  `${random.int(fromYear, toYear)}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`;
const byAge = (people: PersonSeed[] = []) => [...people].sort((x, y) => x.birthDate.localeCompare(y.birthDate));

/** The day a person reaches the civil-law marriage age: 22 for men, 20 for women. */
const ofMarriageAge = (person: PersonSeed) => `${Number(person.birthDate.slice(0, 4)) + (person.gender === 'MALE' ? 22 : 20)}${person.birthDate.slice(4)}`;
const canMarry = (person: PersonSeed) => ofMarriageAge(person) <= DATA_AS_OF;

/** A wedding a few years after the younger partner came of age, never before both could marry. */
function weddingDate(random: Random, couple: PersonSeed[], lastYear: number): string {
  const youngest = Math.max(...couple.map((person) => Number(person.birthDate.slice(0, 4))));
  const year = Math.min(youngest + random.int(22, 30), lastYear);
  const candidate = randomDate(random, year, year);
  return [candidate, ...couple.map(ofMarriageAge)].reduce((x, y) => (x > y ? x : y));
}

function intendedStatus(random: Random, person: PersonSeed): MaritalStatus {
  if (!canMarry(person)) return 'UNMARRIED';
  const roll = random.next();
  // Divorce and widowhood are left to those over 26, so their dates always fit before DATA_AS_OF.
  if (ageAt(person.birthDate) < 26) return roll < 0.5 ? 'MARRIED' : 'UNMARRIED';
  const widowed = ageAt(person.birthDate) >= 60 ? 0.15 : 0.01;
  return roll < widowed ? 'WIDOWED' : roll < widowed + 0.08 ? 'DIVORCED' : roll < widowed + 0.78 ? 'MARRIED' : 'UNMARRIED';
}

function buildAllowance(random: Random, person: PersonSeed): SubsistenceAllowanceRecord | null {
  if (person.citizenId === DEMO.resident || !random.chance(ageAt(person.birthDate) >= 60 ? 0.06 : 0.025)) return null;
  const roll = random.next();
  const householdSize = random.int(1, 4);
  return {
    status: roll < 0.8 ? 'RECEIVING' : roll < 0.9 ? 'SUSPENDED' : 'TERMINATED',
    since: `${random.int(2015, 2025)}-${pad(random.int(1, 12), 2)}-01`,
    monthlyAmount: random.int(300, 900) * householdSize,
    householdSize,
  };
}

/**
 * An open application for about one resident in twenty (a separate draw, so the rest of the register is
 * unchanged); the demo resident 王淑芬 has one, the demo legal representative none.
 */
function buildOpenApplication(person: PersonSeed, serial: number): AllowanceApplicationRecord | null {
  const random = createRandom(seedOf(`civil-affairs:application:${person.citizenId}`));
  const open = person.citizenId === DEMO.resident || (person.citizenId !== DEMO.legalRepresentative && random.chance(0.05));
  if (!open) return null;
  const submittedOn = person.citizenId === DEMO.resident ? '2026-11-02' : `2026-${pad(random.int(9, 11), 2)}-${pad(random.int(1, 28), 2)}`;
  // 申请编号: DB (低保), the division code, the year, a serial.
  return { applicationNo: `DB370306-${submittedOn.slice(0, 4)}-${pad(serial, 5)}`, submittedOn };
}

export function createCivilAffairsStore(): CivilAffairsStore {
  const records = new Map<string, CivilRecord>();
  const bySex: Record<string, PersonSeed[]> = {};
  const serials = new Map<string, number>();
  const nextSerial = (year: string) => serials.set(year, (serials.get(year) ?? 0) + 1).get(year)!;
  const registration = (kind: 'MARRIAGE' | 'DIVORCE', registeredOn: string, spouseCitizenId: string | null): MarriageRegistrationRecord => ({
    // 登记证字号: J (结婚) or L (离婚), the registry's division code, the year, a serial within the year.
    registrationNo: `${kind === 'MARRIAGE' ? 'J' : 'L'}370306-${registeredOn.slice(0, 4)}-${pad(nextSerial(registeredOn.slice(0, 4)), 6)}`,
    kind,
    registeredOn,
    registeredBy: REGISTRY,
    spouseCitizenId,
  });

  for (const person of district().residents) {
    const random = createRandom(seedOf(`civil-affairs:${person.citizenId}`));
    const isDemo = person.citizenId === DEMO.resident || person.citizenId === DEMO.legalRepresentative;
    const status = isDemo ? 'MARRIED' : intendedStatus(random, person);
    records.set(person.citizenId, {
      citizenId: person.citizenId,
      maritalStatus: status,
      marriageRegistrations: [],
      subsistenceAllowance: buildAllowance(random, person),
      openAllowanceApplication: buildOpenApplication(person, records.size + 1),
    });
    if (!isDemo && status !== 'UNMARRIED') (bySex[`${status}:${person.gender}`] ??= []).push(person);
  }
  const register = (a: string, b: string | null, entries: Array<['MARRIAGE' | 'DIVORCE', string]>) => {
    for (const [kind, date] of entries) {
      records.get(a)!.marriageRegistrations.push(registration(kind, date, b));
      if (b) records.get(b)!.marriageRegistrations.push({ ...records.get(a)!.marriageRegistrations.at(-1)!, spouseCitizenId: a });
    }
  };
  // The demo couple: 王淑芬 and 张建国, married in 2009.
  register(DEMO.resident, DEMO.legalRepresentative, [['MARRIAGE', '2009-10-08']]);

  // Couples are paired by age within each status; a partner left over lives (or lived) outside the district.
  for (const status of ['MARRIED', 'DIVORCED', 'WIDOWED'] as const) {
    const [men, women] = [byAge(bySex[`${status}:MALE`]), byAge(bySex[`${status}:FEMALE`])];
    for (let i = 0; i < Math.max(men.length, women.length); i++) {
      const couple = [men[i], women[i]].filter((person) => person !== undefined);
      const random = createRandom(seedOf(`civil-affairs:marriage:${couple[0]!.citizenId}`));
      const married = weddingDate(random, couple, status === 'DIVORCED' ? 2023 : 2025);
      const entries: Array<['MARRIAGE' | 'DIVORCE', string]> = [['MARRIAGE', married]];
      if (status === 'DIVORCED') entries.push(['DIVORCE', randomDate(random, Number(married.slice(0, 4)) + 1, 2025)]);
      if (couple.length === 2 && status !== 'WIDOWED') register(couple[0]!.citizenId, couple[1]!.citizenId, entries);
      else for (const person of couple) register(person.citizenId, null, entries);
    }
  }
  return {
    findCivilRecords: (citizenIds) => citizenIds.map((id) => records.get(id)),
    findOpenCases: (citizenIds) => citizenIds.filter((id) => records.get(id)?.openAllowanceApplication),
    subsistenceAllowanceStandard: (year, rural) => (rural ? RURAL_STANDARDS : URBAN_STANDARDS)[year],
  };
}
