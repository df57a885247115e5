/**
 * The synthetic district: residents and enterprises of 周村区, generated deterministically so that
 * every department's store agrees on the same keys, on every start. Each department derives its
 * own records from these keys; no department reads another's store.
 */
import { citizenIdCheckCharacter } from '../../schema/scalars/citizen-id.ts';
import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from '../../schema/scalars/credit-code.ts';
import { createRandom, type Random } from './random.ts';

const DISTRICT_CODE = '370306';
export const RESIDENT_COUNT = 3000;
const ENTERPRISE_COUNT = 300;

/** Fixed demo content that documentation and acceptance tests rely on. */
export const DEMO = {
  resident: '370306198503120122',
  legalRepresentative: '370306197811232017',
  enterprise: '91370306MA3C8K2P9M',
} as const;

export interface PersonSeed {
  citizenId: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  subdistrict: string;
  address: string;
}

export interface EnterpriseSeed {
  creditCode: string;
  name: string;
  legalRepresentativeId: string;
  establishedOn: string;
  address: string;
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔',
];
const GIVEN_MALE = [...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志峰'];
const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞燕玲婷雪慧琳丹萍红梅兰颖倩洁琴云莉英秀淑'];
export const SUBDISTRICTS = ['丝绸路街道', '大街街道', '青年路街道', '永安街道', '城北路街道', '北郊镇', '南郊镇', '王村镇', '萌水镇'];
const ROADS = [
  '正阳路',
  '新建中路',
  '丝绸路',
  '周隆路',
  '三赢路',
  '华光路',
  '北环路',
  '张周路',
  '太和路',
  '恒星路',
  '银子市街',
  '丝市街',
  '棉花市街',
  '东门路',
  '朝阳路',
  '米山路',
  '机场路',
  '新华大街',
];
const FIRM_WORDS = [
  '华丰',
  '鲁信',
  '丝路',
  '齐鲁',
  '恒泰',
  '宏达',
  '金桥',
  '瑞祥',
  '泰和',
  '永丰',
  '昌盛',
  '聚源',
  '德润',
  '汇通',
  '鑫源',
  '银河',
  '正阳',
  '周隆',
  '嘉禾',
  '三赢',
];
const FIRM_TRADES = ['纺织', '丝绸', '机械制造', '商贸', '食品', '建材', '陶瓷', '耐火材料', '物流', '餐饮管理', '电子科技', '精细化工', '服饰', '汽车配件'];
const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function buildAddress(random: Random, subdistrict: string): string {
  return `山东省淄博市周村区${subdistrict}${random.pick(ROADS)}${random.int(1, 399)}号${random.int(1, 24)}号楼${random.int(1, 4)}单元${random.int(1, 6)}${pad(random.int(1, 4), 2)}室`;
}

function buildName(random: Random, gender: PersonSeed['gender']): string {
  const chars = gender === 'MALE' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = random.chance(0.7) ? random.pick(chars) + random.pick(chars) : random.pick(chars);
  return random.pick(SURNAMES) + given;
}

function buildPerson(random: Random, usedIds: Set<string>): PersonSeed {
  for (;;) {
    const year = random.int(1938, 2012);
    const month = random.int(1, 12);
    const day = random.int(1, 28);
    const sequence = random.int(1, 999);
    const first17 = `${DISTRICT_CODE}${year}${pad(month, 2)}${pad(day, 2)}${pad(sequence, 3)}`;
    const citizenId = first17 + citizenIdCheckCharacter(first17);
    if (usedIds.has(citizenId)) continue;
    usedIds.add(citizenId);
    const gender = sequence % 2 === 1 ? 'MALE' : 'FEMALE';
    const subdistrict = random.pick(SUBDISTRICTS);
    return {
      citizenId,
      name: buildName(random, gender),
      gender,
      birthDate: `${year}-${pad(month, 2)}-${pad(day, 2)}`,
      subdistrict,
      address: buildAddress(random, subdistrict),
    };
  }
}

function demoPerson(citizenId: string, name: string, subdistrict: string, address: string): PersonSeed {
  return {
    citizenId,
    name,
    gender: Number(citizenId[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    birthDate: `${citizenId.slice(6, 10)}-${citizenId.slice(10, 12)}-${citizenId.slice(12, 14)}`,
    subdistrict,
    address,
  };
}

function buildCreditCode(random: Random): string {
  let body = 'MA';
  for (let i = 0; i < 6; i++) body += random.pick([...ORG_ALPHABET]);
  const first17 = `91${DISTRICT_CODE}${body}${organisationCodeCheckCharacter(body)}`;
  return first17 + creditCodeCheckCharacter(first17);
}

let cached: { residents: PersonSeed[]; enterprises: EnterpriseSeed[] } | undefined;

/** The whole district; built once per process, identical on every start. */
export function district(): { residents: PersonSeed[]; enterprises: EnterpriseSeed[] } {
  if (cached) return cached;
  const random = createRandom(20180601);
  const usedIds = new Set<string>([DEMO.resident, DEMO.legalRepresentative]);
  const residents: PersonSeed[] = [
    demoPerson(DEMO.resident, '王淑芬', '丝绸路街道', '山东省淄博市周村区丝绸路街道正阳路128号3号楼2单元401室'),
    demoPerson(DEMO.legalRepresentative, '张建国', '大街街道', '山东省淄博市周村区大街街道丝市街36号1号楼1单元102室'),
  ];
  while (residents.length < RESIDENT_COUNT) residents.push(buildPerson(random, usedIds));

  const adults = residents.filter((person) => person.birthDate < '2004-01-01');
  const usedCodes = new Set<string>([DEMO.enterprise]);
  const enterprises: EnterpriseSeed[] = [
    {
      creditCode: DEMO.enterprise,
      name: '淄博周村华丰丝绸有限公司',
      legalRepresentativeId: DEMO.legalRepresentative,
      establishedOn: '2016-04-18',
      address: '山东省淄博市周村区大街街道丝市街88号',
    },
  ];
  while (enterprises.length < ENTERPRISE_COUNT) {
    const creditCode = buildCreditCode(random);
    if (usedCodes.has(creditCode)) continue;
    usedCodes.add(creditCode);
    const subdistrict = random.pick(SUBDISTRICTS);
    enterprises.push({
      creditCode,
      name: `淄博${random.pick(FIRM_WORDS)}${random.pick(FIRM_TRADES)}有限公司`,
      legalRepresentativeId: random.pick(adults).citizenId,
      establishedOn: `${random.int(1995, 2025)}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`,
      address: `山东省淄博市周村区${subdistrict}${random.pick(ROADS)}${random.int(1, 399)}号`,
    });
  }
  cached = { residents, enterprises };
  return cached;
}
