/** The population register of the public security bureau, built from the synthetic district. */
import { district } from '../shared/district.ts';
import { createRandom, seedOf } from '../shared/random.ts';

export interface ResidentRecord {
  citizenId: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  ethnicity: string;
  householdSubdistrict: string;
  householdAddress: string;
  householdRelation: string;
  criminalRecord: string;
}

export interface PopulationStore {
  /** One lookup for many keys: the batch function behind the resident loader. */
  findResidents(citizenIds: readonly string[]): Array<ResidentRecord | undefined>;
  /** Records a correction of a resident's register entry (e.g. after a data dispute, art. 16). */
  correctResident(citizenId: string, changes: Partial<Omit<ResidentRecord, 'citizenId'>>): void;
  /** Tells `listener` which residents changed. */
  onChange(listener: (citizenIds: string[]) => void): void;
}

const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '回族', '满族', '蒙古族'];
const RELATIONS = ['户主', '配偶', '子', '女', '父亲', '母亲'];

export function createPopulationStore(): PopulationStore {
  const residents = new Map<string, ResidentRecord>();
  for (const person of district().residents) {
    const random = createRandom(seedOf(`public-security:${person.citizenId}`));
    residents.set(person.citizenId, {
      citizenId: person.citizenId,
      name: person.name,
      gender: person.gender,
      birthDate: person.birthDate,
      ethnicity: random.pick(ETHNICITIES),
      householdSubdistrict: person.subdistrict,
      householdAddress: person.address,
      householdRelation: random.pick(RELATIONS),
      criminalRecord: random.chance(0.03) ? '2015年因交通肇事罪被判处有期徒刑一年，缓刑一年' : '无违法犯罪记录',
    });
  }
  const listeners: Array<(citizenIds: string[]) => void> = [];
  return {
    findResidents: (citizenIds) => citizenIds.map((id) => residents.get(id)),
    correctResident(citizenId, changes) {
      const current = residents.get(citizenId);
      if (!current) throw new Error(`no resident ${citizenId} in the register`);
      residents.set(citizenId, { ...current, ...changes });
      for (const listener of listeners) listener([citizenId]);
    },
    onChange: (listener) => void listeners.push(listener),
  };
}
