/** The columns every list of 共享申请 shows (待办, 协调办): who asks, for which items, purpose, matter and justification. */
import type { TableColumnsType } from 'antd';
import { departmentName } from '../i18n.tsx';
import type { AccessRequest } from '../requests.ts';

export interface RequestColumnTexts {
  t: (zh: string, en: string) => string;
  purposeName: (value: string | null | undefined) => string;
}

/** The purpose column of a request or grant: its purpose, marked when it only verifies (核验). */
export function purposeColumn<T extends { action: string }>({ t, purposeName }: RequestColumnTexts) {
  return {
    title: t('使用用途', 'Purpose'),
    dataIndex: 'purpose',
    render: (purpose: string, row: T) => `${purposeName(purpose)}${row.action === 'VERIFY' ? t('（仅核验）', ' (verify only)') : ''}`,
  };
}

/** The consumer (and, for the coordination office, the provider), items, purpose, matter and justification. */
export function requestColumns({ t, purposeName }: RequestColumnTexts, options: { provider?: boolean } = {}): TableColumnsType<AccessRequest> {
  return [
    { title: t('使用部门', 'Consumer'), dataIndex: 'requestingDepartment', render: departmentName },
    ...(options.provider ? [{ title: t('提供部门', 'Provider'), dataIndex: 'provider', render: departmentName }] : []),
    { title: t('信息项', 'Items'), dataIndex: 'fields', render: (fields: string[]) => fields.join('、') },
    purposeColumn<AccessRequest>({ t, purposeName }),
    { title: t('办理事项', 'Matter'), dataIndex: 'matter' },
    { title: t('申请理由', 'Justification'), dataIndex: 'justification' },
  ];
}
