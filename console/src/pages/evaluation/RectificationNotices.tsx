/**
 * 通知整改 (周政发〔2018〕6号 art. 22): the notices of a department (the office: of the department
 * chosen, or all), their due date and status — overdue ones are listed for 通报批评 — and, for the
 * department's sharing administrator, recording what it did about an open one.
 */
import { useState } from 'react';
import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { gql } from '../../api.ts';
import ReasonModal from '../../components/ReasonModal.tsx';
import { departmentName } from '../../i18n.tsx';
import { localTime } from '../../requests.ts';
import { useLoad, usePage } from '../../use-load.ts';
import { RECORD_RECTIFICATION, RECTIFICATION_NOTICES_QUERY, RECTIFICATION_STATUSES, VIOLATION_NAMES, type RectificationNotice } from './operations.ts';

export interface RectificationNoticesProps {
  /** The department shown; undefined: every department (the office). */
  department: string | undefined;
  /** Whether the signed-in person records rectifications (the department's sharing administrator). */
  canRecord: boolean;
  /** Changes when a notice was issued elsewhere on the page, so the list is read again. */
  version: number;
}

type StatusFilter = 'ALL' | 'OPEN' | 'RECORDED' | 'OVERDUE';

export default function RectificationNotices({ department, canRecord, version }: RectificationNoticesProps) {
  const { t, language, report, success } = usePage();
  const [status, setStatus] = useState<StatusFilter>('ALL');
  const [recording, setRecording] = useState<RectificationNotice>();
  const notices = useLoad(
    () =>
      gql(RECTIFICATION_NOTICES_QUERY, { department: department ?? null, status: status === 'ALL' ? null : status }).then(
        (answer) => answer.rectificationNotices,
      ),
    [department, status, version],
  );
  const record = async ({ reason }: Record<string, string>) => {
    try {
      await gql(RECORD_RECTIFICATION, { id: recording!.id, action: reason!.trim() });
      success(t('已记录整改情况', 'Rectification recorded'));
      setRecording(undefined);
      notices.reload();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented<StatusFilter>
        aria-label={t('整改状态', 'Status')}
        value={status}
        onChange={setStatus}
        options={[
          { value: 'ALL', label: t('全部', 'All') },
          ...(['OPEN', 'OVERDUE', 'RECORDED'] as const).map((value) => ({ value, label: RECTIFICATION_STATUSES[value]![language] })),
        ]}
      />
      <Table<RectificationNotice>
        rowKey="id"
        size="small"
        loading={notices.loading}
        dataSource={notices.data ?? []}
        locale={{ emptyText: t('暂无整改通知', 'No rectification notices') }}
        columns={[
          { title: t('部门', 'Department'), dataIndex: 'department', render: departmentName },
          { title: t('情形', 'Case'), dataIndex: 'kind', render: (kind: string) => VIOLATION_NAMES[kind]?.[language] ?? kind },
          { title: t('通知内容', 'Notice'), dataIndex: 'text' },
          { title: t('通知时间', 'Issued'), dataIndex: 'issuedAt', render: localTime },
          {
            title: t('整改期限', 'Due'),
            dataIndex: 'dueDate',
            render: (due: string, notice) => (
              <Typography.Text
                type={notice.overdue ? 'danger' : undefined}
              >{`${due}（${t(`${notice.workingDays} 个工作日`, `${notice.workingDays} working days`)}）`}</Typography.Text>
            ),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (value: string) => <Tag color={RECTIFICATION_STATUSES[value]?.color}>{RECTIFICATION_STATUSES[value]?.[language] ?? value}</Tag>,
          },
          {
            title: t('整改情况', 'Action taken'),
            render: (_v, notice) =>
              notice.recordedAt ? (
                <span>
                  {notice.actionTaken}
                  <Typography.Text type="secondary">{`（${localTime(notice.recordedAt)}）`}</Typography.Text>
                </span>
              ) : (
                canRecord && (
                  <Button size="small" type="primary" onClick={() => setRecording(notice)}>
                    {t('记录整改情况', 'Record')}
                  </Button>
                )
              ),
          },
        ]}
      />
      <ReasonModal
        open={!!recording}
        title={`${t('记录整改情况', 'Record the rectification')}：${recording ? (VIOLATION_NAMES[recording.kind]?.[language] ?? recording.kind) : ''}`}
        label={t('整改措施及结果', 'What was done')}
        onCancel={() => setRecording(undefined)}
        onSubmit={record}
      />
    </Space>
  );
}
