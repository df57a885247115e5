/** The enterprise register of the market regulation bureau, built from the synthetic district. */
import { DATA_AS_OF } from '../shared/data-as-of.ts';
import { DEMO, district, type EnterpriseSeed } from '../shared/district.ts';
import { createRandom, seedOf, type Random } from '../shared/random.ts';

export type EnterpriseStatus = 'OPERATING' | 'REVOKED' | 'DEREGISTERED';

export interface AdministrativePenaltyRecord {
  decisionNo: string;
  decidedOn: string;
  reason: string;
  fine: number;
}

export interface EnterpriseRecord {
  creditCode: string;
  name: string;
  legalRepresentativeId: string;
  registeredCapital: number;
  establishedOn: string;
  address: string;
  businessScope: string;
  status: EnterpriseStatus;
  administrativePenalties: AdministrativePenaltyRecord[];
}

export interface EnterpriseStore {
  /** One lookup for many credit codes: the batch function behind the enterprise loader. */
  findEnterprises(creditCodes: readonly string[]): Array<EnterpriseRecord | undefined>;
  /** For each citizen ID, the enterprises that resident legally represents (empty when none). */
  findEnterprisesByRepresentative(citizenIds: readonly string[]): EnterpriseRecord[][];
}

const SCOPES: Record<string, string> = {
  纺织: '纺纱加工；面料纺织加工；针纺织品销售',
  丝绸: '丝绸制品加工、销售；针纺织品及原料销售；服装服饰零售',
  机械制造: '通用设备制造（不含特种设备制造）；机械零件、零部件加工；金属切削加工服务',
  商贸: '日用百货销售；五金产品批发；建筑材料销售；货物进出口',
  食品: '食品生产；食品销售；食用农产品零售',
  建材: '建筑材料销售；水泥制品制造；砼结构构件制造',
  陶瓷: '日用陶瓷制品制造；建筑陶瓷制品加工制造；陶瓷制品销售',
  耐火材料: '耐火材料生产；耐火材料销售；保温材料销售',
  物流: '普通货物仓储服务；道路货物运输（不含危险货物）；国内货物运输代理',
  餐饮管理: '餐饮服务；餐饮管理；食品销售',
  电子科技: '电子元器件制造；技术服务、技术开发、技术咨询；软件开发',
  精细化工: '专用化学产品制造（不含危险化学品）；化工产品销售（不含许可类化工产品）',
  服饰: '服装制造；服饰制造；服装服饰批发',
  汽车配件: '汽车零部件及配件制造；汽车零配件批发；汽车零配件零售',
};
const VIOLATIONS: Array<[string, number, number]> = [
  ['未按规定明码标价', 500, 5000],
  ['销售不符合食品安全标准的食品', 5000, 50000],
  ['发布虚假广告', 10000, 100000],
  ['使用未经定期检验的特种设备', 30000, 100000],
  ['生产销售质量抽检不合格产品', 5000, 80000],
  ['计量器具未按规定申请检定', 1000, 10000],
  ['未按规定办理变更登记', 10000, 100000],
];
const CAPITALS = [30, 50, 100, 200, 300, 500, 800, 1000, 2000, 3000, 5000];

function buildPenalties(random: Random, establishedOn: string): AdministrativePenaltyRecord[] {
  if (!random.chance(0.12)) return [];
  const firstYear = Math.max(Number(establishedOn.slice(0, 4)) + 1, 2015);
  const lastYear = Number(DATA_AS_OF.slice(0, 4)) - 1;
  const count = random.int(1, 2);
  const penalties: AdministrativePenaltyRecord[] = [];
  for (let i = 0; i < count && firstYear <= lastYear; i++) {
    const [reason, min, max] = random.pick(VIOLATIONS);
    const year = random.int(firstYear, lastYear);
    penalties.push({
      decisionNo: `周市监处罚〔${year}〕${random.int(1, 320)}号`,
      decidedOn: `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      reason,
      fine: Math.round(random.int(min, max) / 100) * 100,
    });
  }
  return penalties.sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
}

function buildEnterprise(seed: EnterpriseSeed): EnterpriseRecord {
  const random = createRandom(seedOf(`market-regulation:${seed.creditCode}`));
  const trade = Object.keys(SCOPES).find((word) => seed.name.includes(word)) ?? '商贸';
  const roll = random.next();
  return {
    creditCode: seed.creditCode,
    name: seed.name,
    legalRepresentativeId: seed.legalRepresentativeId,
    registeredCapital: random.pick(CAPITALS),
    establishedOn: seed.establishedOn,
    address: seed.address,
    businessScope: `一般项目：${SCOPES[trade]}。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`,
    status: roll < 0.9 ? 'OPERATING' : roll < 0.95 ? 'REVOKED' : 'DEREGISTERED',
    administrativePenalties: buildPenalties(random, seed.establishedOn),
  };
}

/** The demo enterprise is fixed so documentation can show a conditional item with a value. */
function demoOverrides(record: EnterpriseRecord): EnterpriseRecord {
  return {
    ...record,
    registeredCapital: 1000,
    status: 'OPERATING',
    administrativePenalties: [{ decisionNo: '周市监处罚〔2023〕87号', decidedOn: '2023-08-16', reason: '未按规定明码标价', fine: 2000 }],
  };
}

export function createEnterpriseStore(): EnterpriseStore {
  const enterprises = new Map<string, EnterpriseRecord>();
  const byRepresentative = new Map<string, EnterpriseRecord[]>();
  for (const seed of district().enterprises) {
    const built = buildEnterprise(seed);
    const record = seed.creditCode === DEMO.enterprise ? demoOverrides(built) : built;
    enterprises.set(record.creditCode, record);
    byRepresentative.set(record.legalRepresentativeId, [...(byRepresentative.get(record.legalRepresentativeId) ?? []), record]);
  }
  return {
    findEnterprises: (creditCodes) => creditCodes.map((code) => enterprises.get(code)),
    findEnterprisesByRepresentative: (citizenIds) => citizenIds.map((id) => byRepresentative.get(id) ?? []),
  };
}
