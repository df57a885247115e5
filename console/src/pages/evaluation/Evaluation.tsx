/**
 * 共享工作评价报告 (周政发〔2018〕6号 art. 17): the coordination office evaluates any department, a
 * sharing administrator reads its own; a period of China calendar days (at most 366, the API checks),
 * the report's sections, a print button (the page prints as the report alone, A4), and the
 * 通知整改 of art. 22: the office issues one from a detected case, the department records what it did.
 */
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Space, Spin, Tabs, Typography } from 'antd';
import { chinaDate } from '../../../../policies/governance/china-date.ts';
import { gql } from '../../api.ts';
import DepartmentSelect from '../../components/DepartmentSelect.tsx';
import { DEPARTMENTS, departmentName } from '../../i18n.tsx';
import { useRoute } from '../../route.ts';
import { useLoad, usePage } from '../../use-load.ts';
import { EVALUATION_REPORT_QUERY, ISSUE_RECTIFICATION_NOTICE, VIOLATION_NAMES, type Violation } from './operations.ts';
import RectificationNotices from './RectificationNotices.tsx';
import ReportView from './ReportView.tsx';
import './print.css';

interface Period {
  department: string;
  from: string;
  to: string;
}

interface NoticeForm {
  text: string;
  examples?: string;
  workingDays?: number | null;
}

export default function Evaluation() {
  const { t, language, dept, operator, report, success } = usePage();
  const route = useRoute();
  const today = chinaDate(new Date());
  const initial: Period = { department: operator ? (DEPARTMENTS[0]?.code ?? '') : (dept ?? ''), from: `${today.slice(0, 4)}-01-01`, to: today };
  const [period, setPeriod] = useState<Period>(initial);
  const [issuing, setIssuing] = useState<Violation>();
  const [issued, setIssued] = useState(0);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Period>();
  const [noticeForm] = Form.useForm<NoticeForm>();
  const evaluation = useLoad(() => gql(EVALUATION_REPORT_QUERY, period).then((answer) => answer.evaluationReport), [period]);

  const issue = async () => {
    const values = await noticeForm.validateFields();
    const examples = (values.examples ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    setBusy(true);
    try {
      const { issueRectificationNotice: notice } = await gql(ISSUE_RECTIFICATION_NOTICE, {
        department: period.department,
        kind: issuing!.kind,
        examples,
        text: values.text.trim(),
        workingDays: values.workingDays ?? null,
      });
      success(t(`已通知整改，整改期限 ${notice.dueDate}`, `Notice issued; due ${notice.dueDate}`));
      setIssuing(undefined);
      setIssued((count) => count + 1);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  const reportTab = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form
        form={form}
        layout="inline"
        name="evaluation-period"
        initialValues={initial}
        onFinish={(values) => setPeriod({ ...initial, ...values })}
        className="no-print"
        style={{ rowGap: 8 }}
      >
        {operator ? (
          <Form.Item name="department" label={t('部门', 'Department')}>
            <DepartmentSelect style={{ width: 220 }} />
          </Form.Item>
        ) : (
          <Form.Item label={t('部门', 'Department')}>
            <Typography.Text>{departmentName(dept)}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item name="from" label={t('起始日期', 'From')} rules={[{ required: true, message: t('必填', 'Required') }]}>
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item
          name="to"
          label={t('截止日期', 'To')}
          dependencies={['from']}
          rules={[
            { required: true, message: t('必填', 'Required') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value?: string) => {
                if (value && value < getFieldValue('from')) throw new Error(t('不得早于起始日期', 'Not before the start'));
              },
            }),
          ]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={evaluation.loading}>
              {t('生成报告', 'Generate')}
            </Button>
            <Button onClick={() => window.print()} disabled={!evaluation.data}>
              {t('打印', 'Print')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {evaluation.loading && !evaluation.data ? (
        <Spin />
      ) : (
        evaluation.data && (
          <ReportView
            report={evaluation.data}
            issue={
              operator
                ? (violation) => (
                    <Button
                      size="small"
                      danger
                      onClick={() => {
                        noticeForm.setFieldsValue({
                          text: t(
                            `请于期限内整改：${VIOLATION_NAMES[violation.kind]?.zh ?? violation.kind}`,
                            `Rectify: ${VIOLATION_NAMES[violation.kind]?.en ?? violation.kind}`,
                          ),
                          examples: violation.examples.join('\n'),
                          workingDays: null,
                        });
                        setIssuing(violation);
                      }}
                    >
                      {t('通知整改', 'Issue notice')}
                    </Button>
                  )
                : undefined
            }
          />
        )
      )}
    </Space>
  );

  return (
    <>
      <Tabs
        defaultActiveKey={route.params.get('tab') ?? 'report'}
        items={[
          { key: 'report', label: t('评价报告', 'Report'), children: reportTab },
          {
            key: 'notices',
            label: t('整改通知', 'Rectification notices'),
            children: <RectificationNotices department={operator ? undefined : dept} canRecord={!operator} version={issued} />,
          },
        ]}
      />
      <Modal
        open={!!issuing}
        title={`${t('通知整改', 'Rectification notice')}：${departmentName(period.department)} · ${issuing ? (VIOLATION_NAMES[issuing.kind]?.[language] ?? issuing.kind) : ''}`}
        onCancel={() => setIssuing(undefined)}
        onOk={issue}
        confirmLoading={busy}
        okText={t('发出通知', 'Issue')}
        forceRender
      >
        <Form form={noticeForm} layout="vertical" name="rectification-notice">
          <Form.Item
            name="text"
            label={t('通知内容', 'Notice')}
            rules={[
              { required: true, whitespace: true, message: t('必填', 'Required') },
              { max: 2000, message: t('不超过 2000 个字', 'At most 2000 characters') },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="examples" label={t('涉及事项（每行一个）', 'Examples (one a line)')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="workingDays" label={t('整改期限（工作日，不填按平台默认）', 'Working days (empty: the platform default)')}>
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
