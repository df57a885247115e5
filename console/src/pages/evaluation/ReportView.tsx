/**
 * The sections of one 共享工作评价报告 (周政发〔2018〕6号 art. 17) as the API answers them: catalog,
 * access requests, disputes, usage, service (with a warning while the audit roll-up has not counted
 * every day of the period), the timeliness of its data (art. 14), the art. 22 cases detected (the office may issue a
 * notice from each) and what the platform cannot detect. Laid out to print on A4 as well.
 */
import type { ReactNode } from 'react';
import { Alert, Card, Col, Descriptions, Row, Table, Tag, Typography } from 'antd';
import { departmentName, UPDATE_CYCLES, useLanguage, usePurposeName, useT } from '../../i18n.tsx';
import { localTime } from '../../requests.ts';
import { CATALOG_ELEMENT_NAMES, NOT_DETECTED_NAMES, VIOLATION_NAMES, type EvaluationReport, type ResourceFreshness, type Violation } from './operations.ts';

export interface ReportViewProps {
  report: EvaluationReport;
  /** The office's 通知整改 button for a detected case; none for a department. */
  issue?: (violation: Violation) => ReactNode;
}

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(Math.round(value * 10000) / 100).toFixed(2)}%`);
const number = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined ? '—' : String(Math.round(value * 10 ** digits) / 10 ** digits);

export default function ReportView({ report, issue }: ReportViewProps) {
  const t = useT();
  const language = useLanguage();
  const purposeName = usePurposeName();
  const counts = (title: string, rows: ReadonlyArray<{ key: string; records: number }>, name: (key: string) => string) => (
    <Col xs={24} lg={8}>
      <Table
        size="small"
        rowKey="key"
        title={() => <Typography.Text strong>{title}</Typography.Text>}
        dataSource={[...rows]}
        pagination={false}
        locale={{ emptyText: t('无使用记录', 'No use') }}
        columns={[
          { title: t('名称', 'Name'), dataIndex: 'key', render: (key: string) => name(key) || t('（未填）', '(none)') },
          { title: t('记录数', 'Records'), dataIndex: 'records', align: 'right', width: 90 },
        ]}
      />
    </Col>
  );

  return (
    <div className="evaluation-report" data-testid="evaluation-report">
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        {t(`${departmentName(report.department)} 政务信息资源共享工作评价报告`, `Sharing evaluation of ${departmentName(report.department)}`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {t(
          `统计期间 ${report.from} 至 ${report.to}，生成于 ${localTime(report.generatedAt)}`,
          `${report.from} to ${report.to}, generated ${localTime(report.generatedAt)}`,
        )}
      </Typography.Paragraph>
      {report.rollUp.incomplete && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="roll-up-incomplete"
          title={t(
            `统计尚未完整：期间内尚有 ${report.rollUp.pendingDays} 天的调用记录未汇总，数据使用情况和共享服务可用性未计入这些天；${
              report.rollUp.rolledUpTo ? `已完整统计至 ${report.rollUp.rolledUpTo}` : '期间内尚无完整统计的日期'
            }。请稍后重新生成报告。`,
            `Not complete yet: ${report.rollUp.pendingDays} day(s) of the period are not rolled up, so use and service leave them out; ${
              report.rollUp.rolledUpTo ? `complete through ${report.rollUp.rolledUpTo}` : 'no day complete yet'
            }. Generate the report again later.`,
          )}
        />
      )}
      <Card size="small" title={t('一、政务信息资源目录（第八条、第十条）', '1. Catalog (art. 8, 10)')} className="report-section">
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('目录数据项', 'Items')}>{report.catalog.items}</Descriptions.Item>
          <Descriptions.Item label={t('要素齐全', 'Complete')}>{report.catalog.complete}</Descriptions.Item>
          <Descriptions.Item label={t('目录更新超期', 'Review overdue')}>{report.catalog.reviewOverdue}</Descriptions.Item>
        </Descriptions>
        {(report.catalog.incomplete.length > 0 || report.catalog.overdueItems.length > 0) && (
          <Table
            size="small"
            rowKey={(row) => `${row.overdue ? 'overdue' : 'gap'} ${row.coordinate}`}
            style={{ marginTop: 8 }}
            pagination={false}
            dataSource={[
              ...report.catalog.incomplete.map((gap) => ({
                coordinate: gap.coordinate,
                missing: gap.missing.map((element) => CATALOG_ELEMENT_NAMES[element]?.[language] ?? element).join('、'),
                overdue: false,
              })),
              ...report.catalog.overdueItems.map((item) => ({ coordinate: item, missing: '', overdue: true })),
            ]}
            columns={[
              { title: t('数据项', 'Item'), dataIndex: 'coordinate' },
              { title: t('缺少要素', 'Missing elements'), dataIndex: 'missing' },
              { title: t('更新超期', 'Review overdue'), dataIndex: 'overdue', render: (overdue: boolean) => (overdue ? t('是', 'yes') : '') },
            ]}
          />
        )}
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('二、共享申请（第十三条）', '2. Access requests (art. 13)')} className="report-section">
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label={t('收到共享申请', 'Received')}>{report.requests.received}</Descriptions.Item>
              <Descriptions.Item label={t('已答复', 'Answered')}>{report.requests.answered}</Descriptions.Item>
              <Descriptions.Item label={t('答复用时中位数（工作日）', 'Median answer (working days)')}>
                {number(report.requests.medianAnswerWorkingDays)}
              </Descriptions.Item>
              <Descriptions.Item label={t('答复用时最长（工作日）', 'Longest answer (working days)')}>
                {number(report.requests.maxAnswerWorkingDays)}
              </Descriptions.Item>
              <Descriptions.Item label={t('超期', 'Overdue')}>{report.requests.overdue}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('三、数据异议（第十六条）', '3. Disputes (art. 16)')} className="report-section">
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label={t('收到数据异议', 'Received')}>{report.disputes.received}</Descriptions.Item>
              <Descriptions.Item label={t('已答复', 'Answered')}>{report.disputes.answered}</Descriptions.Item>
              <Descriptions.Item label={t('按时答复', 'Answered on time')}>{report.disputes.answeredOnTime}</Descriptions.Item>
              <Descriptions.Item label={t('超期未答复', 'Overdue')}>{report.disputes.overdue}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        className="report-section"
        title={`${t('四、数据使用情况（第十五条）', '4. Use of its data (art. 15)')}：${report.usage.records} ${t('条记录', 'records')}`}
      >
        <Row gutter={[16, 16]}>
          {counts(t('按使用部门', 'By consumer'), report.usage.byConsumer, departmentName)}
          {counts(t('按用途', 'By purpose'), report.usage.byPurpose, (key) => purposeName(key))}
          {counts(t('按数据项', 'By item'), report.usage.byItem, (key) => key)}
        </Row>
      </Card>
      <Card size="small" style={{ marginTop: 16 }} className="report-section" title={t('五、共享服务可用性', '5. Service')}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 5 }} layout="vertical">
          <Descriptions.Item label={t('调用次数', 'Calls')}>{report.service.calls}</Descriptions.Item>
          <Descriptions.Item label={t('失败次数', 'Failures')}>{report.service.failures}</Descriptions.Item>
          <Descriptions.Item label={t('可用率', 'Availability')}>{percent(report.service.availability)}</Descriptions.Item>
          <Descriptions.Item label={t('平均响应时间（毫秒）', 'Mean latency (ms)')}>{number(report.service.meanLatencyMs)}</Descriptions.Item>
          <Descriptions.Item label={t('最长响应时间（毫秒）', 'Longest (ms)')}>{number(report.service.maxLatencyMs, 0)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        className="report-section"
        title={t('六、数据更新及时性（第十四条）', '6. Timeliness of its data (art. 14)')}
        data-testid="freshness"
      >
        <Table<ResourceFreshness>
          size="small"
          rowKey={(row) => `${row.resource} ${row.updateCycle ?? ''}`}
          pagination={false}
          dataSource={report.freshness.resources}
          locale={{ emptyText: t('统计期间无更新记录', 'No freshness history in the period') }}
          columns={[
            { title: t('资源', 'Resource'), dataIndex: 'resource' },
            {
              title: t('更新周期', 'Update cycle'),
              dataIndex: 'updateCycle',
              // null or UNDECLARED: the resource has items without a declared cycle (never stale; art. 22(1) instead)
              render: (cycle: string | null) => (cycle && cycle !== 'UNDECLARED' ? (UPDATE_CYCLES[cycle]?.[language] ?? cycle) : t('未声明', 'none declared')),
            },
            { title: t('及时（天）', 'Fresh (days)'), dataIndex: 'freshDays', align: 'right', render: (days: number) => number(days) },
            { title: t('超期未更新（天）', 'Stale (days)'), dataIndex: 'staleDays', align: 'right', render: (days: number) => number(days) },
            { title: t('最长连续超期（天）', 'Longest stale (days)'), dataIndex: 'longestStaleDays', align: 'right', render: (days: number) => number(days) },
            { title: t('未知（天）', 'Unknown (days)'), dataIndex: 'unknownDays', align: 'right', render: (days: number) => number(days) },
            { title: t('及时率', 'Fresh share'), dataIndex: 'freshShare', align: 'right', render: (share: number | null) => percent(share) },
          ]}
        />
      </Card>
      <Card size="small" style={{ marginTop: 16 }} className="report-section" title={t('七、发现的违规情形（第二十二条）', '7. Cases detected (art. 22)')}>
        <Table<Violation>
          size="small"
          rowKey="kind"
          pagination={false}
          dataSource={report.violations}
          locale={{ emptyText: t('统计期间未发现违规情形', 'None detected in the period') }}
          columns={[
            {
              title: t('情形', 'Case'),
              dataIndex: 'kind',
              render: (kind: string) => <Tag color="red">{VIOLATION_NAMES[kind]?.[language] ?? kind}</Tag>,
            },
            { title: t('条款', 'Clause'), dataIndex: 'clause', width: 130, render: (clause: string) => t(`第二十二条 ${clause}`, `art. ${clause}`) },
            { title: t('次数', 'Count'), dataIndex: 'count', width: 70, align: 'right' },
            {
              title: t('示例', 'Examples'),
              dataIndex: 'examples',
              render: (examples: string[]) => <span className="report-examples">{examples.join('、')}</span>,
            },
            ...(issue
              ? [{ title: t('处理', 'Action'), className: 'no-print', width: 110, render: (_v: unknown, violation: Violation) => issue(violation) }]
              : []),
          ]}
        />
      </Card>
      <Card size="small" style={{ marginTop: 16 }} className="report-section" title={t('八、平台无法检测的情形', '8. What the platform cannot detect')}>
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {report.notDetected.map((entry) => (
            <li key={entry.kind}>
              {NOT_DETECTED_NAMES[entry.kind]?.[language] ?? `${entry.kind}: ${entry.why}`}
              <Typography.Text type="secondary">（{t(`条款 ${entry.clause}`, `art. ${entry.clause}`)}）</Typography.Text>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
