/** The social insurance register of the human resources and social security bureau, built from the synthetic district. */
import { ageAt, DATA_AS_OF } from '../shared/data-as-of.ts';
import { DEMO, district, type PersonSeed } from '../shared/district.ts';
import { createRandom, seedOf, type Random } from '../shared/random.ts';

export type PensionStatus = 'RECEIVING' | 'CONTRIBUTING' | 'NOT_INSURED';

export interface SocialInsuranceRecord {
  insuredSince: string;
  contributionMonths: number;
  insuranceKinds: string[];
  employerCreditCode: string | null;
}

export interface InsuredPersonRecord {
  citizenId: string;
  pensionStatus: PensionStatus;
  monthlyPension: number | null;
  socialInsurance: SocialInsuranceRecord | null;
}

export interface EmployerRecord {
  creditCode: string;
  insuredEmployees: number;
}

export interface SocialInsuranceStore {
  /** One lookup for many citizen IDs: the batch function behind the insured-person loader. */
  findInsuredPersons(citizenIds: readonly string[]): Array<InsuredPersonRecord | undefined>;
  /** One lookup for many credit codes: the batch function behind the employer loader. */
  findEmployers(creditCodes: readonly string[]): Array<EmployerRecord | undefined>;
  /** 城乡居民基础养老金月标准 of a year, or undefined when none was published. */
  pensionStandard(year: number): number | undefined;
}

const EMPLOYEE_KINDS = ['职工基本养老保险', '职工基本医疗保险', '失业保险', '工伤保险'];
const RETIREE_KINDS = ['职工基本养老保险', '职工基本医疗保险'];
const RESIDENT_KINDS = ['城乡居民基本养老保险', '城乡居民基本医疗保险'];
const PENSION_STANDARDS: Record<number, number> = { 2018: 118, 2019: 142, 2020: 150, 2021: 160, 2022: 170, 2023: 180, 2024: 200, 2025: 220, 2026: 240 };

function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

function insuredSince(random: Random, person: PersonSeed): string {
  const year = Math.max(Number(person.birthDate.slice(0, 4)) + random.int(18, 26), 1992);
  return `${Math.min(year, Number(DATA_AS_OF.slice(0, 4)))}-${String(random.int(1, 12)).padStart(2, '0')}-01`;
}

function statusOf(random: Random, person: PersonSeed): PensionStatus {
  const age = ageAt(person.birthDate);
  if (age >= 60 || (person.gender === 'FEMALE' && age >= 50 && random.chance(0.4))) return 'RECEIVING';
  if (age >= 18 && random.chance(0.88)) return 'CONTRIBUTING';
  return 'NOT_INSURED';
}

function buildInsuredPerson(person: PersonSeed, employers: readonly string[]): InsuredPersonRecord {
  const random = createRandom(seedOf(`human-resources:${person.citizenId}`));
  const pensionStatus = statusOf(random, person);
  if (pensionStatus === 'NOT_INSURED') return { citizenId: person.citizenId, pensionStatus, monthlyPension: null, socialInsurance: null };
  const since = insuredSince(random, person);
  const employee = random.chance(0.7);
  const contributionMonths = Math.max(1, Math.round(Math.max(0, monthsBetween(since, DATA_AS_OF)) * (0.75 + random.next() * 0.25)));
  if (pensionStatus === 'RECEIVING') {
    return {
      citizenId: person.citizenId,
      pensionStatus,
      // Retired employees draw an employee pension; others the residents' basic pension.
      monthlyPension: employee ? random.int(22000, 48000) / 10 : random.int(1800, 3200) / 10,
      socialInsurance: {
        insuredSince: since,
        contributionMonths: Math.min(contributionMonths, 480),
        insuranceKinds: employee ? RETIREE_KINDS : RESIDENT_KINDS,
        employerCreditCode: null,
      },
    };
  }
  return {
    citizenId: person.citizenId,
    pensionStatus,
    monthlyPension: null,
    socialInsurance: {
      insuredSince: since,
      contributionMonths,
      insuranceKinds: employee ? EMPLOYEE_KINDS : RESIDENT_KINDS,
      employerCreditCode: employee ? random.pick(employers) : null,
    },
  };
}

/** The demo resident retired early on grounds of illness (因病提前退休); the demo grant lets civil-affairs read her pension. */
const DEMO_RESIDENT: InsuredPersonRecord = {
  citizenId: DEMO.resident,
  pensionStatus: 'RECEIVING',
  monthlyPension: 2860.5,
  socialInsurance: { insuredSince: '2005-07-01', contributionMonths: 216, insuranceKinds: RETIREE_KINDS, employerCreditCode: null },
};

export function createSocialInsuranceStore(): SocialInsuranceStore {
  const { residents, enterprises } = district();
  const employers = enterprises.map((enterprise) => enterprise.creditCode);
  const persons = new Map<string, InsuredPersonRecord>();
  const insuredEmployees = new Map<string, number>(employers.map((code) => [code, 0]));
  for (const person of residents) {
    const record = person.citizenId === DEMO.resident ? DEMO_RESIDENT : buildInsuredPerson(person, employers);
    persons.set(person.citizenId, record);
    const employer = record.socialInsurance?.employerCreditCode;
    if (employer) insuredEmployees.set(employer, (insuredEmployees.get(employer) ?? 0) + 1);
  }
  return {
    findInsuredPersons: (citizenIds) => citizenIds.map((id) => persons.get(id)),
    findEmployers: (creditCodes) =>
      creditCodes.map((code) => {
        const count = insuredEmployees.get(code);
        return count === undefined ? undefined : { creditCode: code, insuredEmployees: count };
      }),
    pensionStandard: (year) => PENSION_STANDARDS[year],
  };
}
