/** zh-CN first, English switchable: `t('中文', 'English')` wherever a person reads. */
import { createContext, useContext } from 'react';
import { DISTRICT_DEPARTMENTS } from '../../platform/departments.ts';

export type Language = 'zh' | 'en';
export const LanguageContext = createContext<Language>('zh');

export function useT(): (zh: string, en: string) => string {
  const language = useContext(LanguageContext);
  return (zh, en) => (language === 'zh' ? zh : en);
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** The regulation's words (周政发〔2018〕6号) for the API's enums. */
export const PURPOSES: ReadonlyArray<{ value: string; zh: string; en: string }> = [
  { value: 'ADMINISTRATIVE_BASIS', zh: '作为行政依据', en: 'Administrative basis' },
  { value: 'WORK_REFERENCE', zh: '工作参考', en: 'Work reference' },
  { value: 'DATA_VERIFICATION', zh: '数据校核', en: 'Data verification' },
  { value: 'BUSINESS_COLLABORATION', zh: '业务协同', en: 'Business collaboration' },
];

export const STATUSES: Readonly<Record<string, { zh: string; en: string; color: string }>> = {
  COMPLIANCE_CHECK: { zh: '合规审核中', en: 'Compliance check', color: 'processing' },
  COMPLIANCE_REFUSED: { zh: '审核未通过', en: 'Not compliant', color: 'error' },
  PENDING: { zh: '待答复', en: 'Pending', color: 'processing' },
  APPROVED: { zh: '已同意', en: 'Approved', color: 'success' },
  REFUSED: { zh: '不予共享', en: 'Refused', color: 'error' },
  NEGOTIATING: { zh: '协商中', en: 'Negotiating', color: 'warning' },
  AGREED: { zh: '协商同意', en: 'Agreed in negotiation', color: 'success' },
  ESCALATED: { zh: '已提请协调', en: 'Escalated', color: 'warning' },
  EXCEPTION_GRANTED: { zh: '已协调同意', en: 'Exception granted', color: 'success' },
  CLOSED: { zh: '协调不同意', en: 'Closed', color: 'default' },
  REFERRED_TO_CITY: { zh: '已提请市领导小组', en: 'Referred to the city leading group', color: 'warning' },
  CITY_APPROVED: { zh: '市领导小组同意', en: 'City leading group approved', color: 'success' },
  CITY_REFUSED: { zh: '市领导小组不同意', en: 'City leading group refused', color: 'default' },
};

export const SHARE_TYPES: Readonly<Record<string, { zh: string; en: string; color: string }>> = {
  UNCONDITIONAL: { zh: '无条件共享', en: 'Unconditional', color: 'green' },
  CONDITIONAL: { zh: '有条件共享', en: 'Conditional', color: 'orange' },
  NONE: { zh: '不予共享', en: 'Not shared', color: 'red' },
};

export const ROLE_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  consumer: { zh: '使用部门', en: 'Consuming department' },
  'provider-admin': { zh: '政务信息资源管理员（提供部门）', en: 'Sharing administrator (provider)' },
  'platform-admin': { zh: '领导小组办公室（区信息中心）', en: 'Coordination office (operator)' },
};

export const DEPARTMENTS = DISTRICT_DEPARTMENTS.map((department) => ({ code: department.code as string, name: department.name as string }));

export function departmentName(code: string | null | undefined): string {
  return DEPARTMENTS.find((department) => department.code === code)?.name ?? code ?? '';
}

export function usePurposeName(): (value: string | null | undefined) => string {
  const language = useLanguage();
  return (value) => {
    const purpose = PURPOSES.find((entry) => entry.value === value);
    return purpose ? purpose[language] : (value ?? '');
  };
}

/** 更新周期 (art. 9): the catalog's update cycles in the national guide's words. */
export const UPDATE_CYCLES: Readonly<Record<string, { zh: string; en: string }>> = {
  REALTIME: { zh: '实时', en: 'Real time' },
  WORKDAY: { zh: '每个工作日', en: 'Every working day' },
  DAILY: { zh: '每日', en: 'Daily' },
  WEEKLY: { zh: '每周', en: 'Weekly' },
  MONTHLY: { zh: '每月', en: 'Monthly' },
  QUARTERLY: { zh: '每季度', en: 'Quarterly' },
  YEARLY: { zh: '每年', en: 'Yearly' },
  // the API's word for a resource whose items declare no cycle (never stale; a catalog gap instead, art. 22(1))
  UNDECLARED: { zh: '未声明', en: 'Not declared' },
};
