/** The policy dry run (README "Policy dry run", 周政发〔2018〕6号 art. 13, 17, 23) and what its form chooses from. */
import { graphql } from '../../gql/index.ts';
import type { PolicySimulationQuery } from '../../gql/graphql.ts';

export const SIMULATE_POLICY_CHANGE = graphql(`
  query PolicySimulation($change: PolicyChangeInput!, $days: Int!) {
    simulatePolicyChange(change: $change, days: $days) {
      from
      to
      replayed
      requests
      cap
      capped
      unreadable
      gains {
        ...PolicyEffectFields
      }
      losses {
        ...PolicyEffectFields
      }
      operations {
        department
        operationName
        requests
        gained
        lost
      }
    }
  }
`);

export const POLICY_EFFECT_FIELDS = graphql(`
  fragment PolicyEffectFields on PolicyEffect {
    department
    purpose
    item
    before
    after
    operations
    requests
    apps
    lastSeen
    examples {
      operationName
      documentHash
    }
  }
`);

/**
 * The items a change may name: the whole catalog for the office, the department's own for a provider;
 * for a simulated grant's row condition, the catalog's root fields and unconditional items (what a
 * condition may test, who answers open cases).
 */
export const DRY_RUN_CATALOG = graphql(`
  query DryRunCatalog($provider: String) {
    catalog(provider: $provider) {
      coordinate
      provider
      shareType
    }
    rootFields: catalog(resource: "Query") {
      coordinate
    }
    unconditional: catalog(shareType: UNCONDITIONAL) {
      coordinate
    }
  }
`);

/** Live grants a revocation may name: every department's for the office (myGrants). */
export const DRY_RUN_GRANTS = graphql(`
  query DryRunGrants {
    myGrants {
      id
      department
      field
      purpose
      action
      validUntil
    }
  }
`);

export type Simulation = PolicySimulationQuery['simulatePolicyChange'];
export type Effect = Simulation['gains'][number];
export type OperationEffect = Simulation['operations'][number];

/** How a consumer receives an item, before and after (ItemAccess). */
export const ITEM_ACCESS: Readonly<Record<string, { zh: string; en: string; color: string }>> = {
  READ: { zh: '完整获取', en: 'Read', color: 'green' },
  MASKED: { zh: '脱敏获取', en: 'Masked', color: 'cyan' },
  ROWS: { zh: '部分记录', en: 'Some rows', color: 'blue' },
  VERIFY: { zh: '仅核验', en: 'Verify only', color: 'purple' },
  DENIED: { zh: '无权获取', en: 'Denied', color: 'red' },
};

export const MASK_KINDS: Readonly<Record<string, { zh: string; en: string }>> = {
  ADDRESS_TO_SUBDISTRICT: { zh: '地址至街道', en: 'Address to subdistrict' },
  AMOUNT_BAND: { zh: '金额区间', en: 'Amount band' },
  CITIZEN_ID_PARTIAL: { zh: '身份证号部分隐藏', en: 'Citizen id partly hidden' },
  DATE_TO_MONTH: { zh: '日期至月', en: 'Date to month' },
  DATE_TO_YEAR: { zh: '日期至年', en: 'Date to year' },
  NAME_PARTIAL: { zh: '姓名部分隐藏', en: 'Name partly hidden' },
  PHONE_PARTIAL: { zh: '电话部分隐藏', en: 'Phone partly hidden' },
};
