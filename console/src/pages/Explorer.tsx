/**
 * 查询工作台: run a query with the declared 使用用途 and 办理事项, as a program would; each withheld item
 * (FORBIDDEN_FIELD) is explained, with a link that opens the 共享申请 form filled in.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { runGraphQL, type GraphQLAnswer } from '../api.ts';
import { errorMessage } from '../error-messages.ts';
import { departmentName, PURPOSES, SHARE_TYPES, useLanguage, useT } from '../i18n.tsx';
import { ApiError } from '../session.ts';

const EXAMPLE = `{
  resident(citizenId: "370306198503120122") {
    name
    monthlyPension
    criminalRecord
  }
}`;

export default function Explorer() {
  const t = useT();
  const language = useLanguage();
  const [purpose, setPurpose] = useState('DATA_VERIFICATION');
  const [matter, setMatter] = useState('');
  const [query, setQuery] = useState(EXAMPLE);
  const [answer, setAnswer] = useState<GraphQLAnswer<unknown>>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [runs, setRuns] = useState(0);

  const run = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setAnswer(await runGraphQL(query, {}, { purpose, matter }));
      setRuns((value) => value + 1);
    } catch (error) {
      setFailure(errorMessage(error instanceof ApiError ? error.code : 'NETWORK', language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Form layout="inline" onFinish={run}>
          <Form.Item label={t('使用用途', 'Purpose of use')} htmlFor="explorer-purpose">
            <Select
              id="explorer-purpose"
              value={purpose}
              onChange={setPurpose}
              style={{ width: 180 }}
              options={PURPOSES.map((p) => ({ value: p.value, label: p[language] }))}
            />
          </Form.Item>
          <Form.Item label={t('办理事项', 'Business matter')} htmlFor="explorer-matter">
            <Input id="explorer-matter" value={matter} maxLength={128} onChange={(event) => setMatter(event.target.value)} style={{ width: 280 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('执行查询', 'Run')}
          </Button>
        </Form>
      </Card>
      <label htmlFor="explorer-query">{t('查询语句（GraphQL）', 'Query (GraphQL)')}</label>
      <Input.TextArea id="explorer-query" value={query} onChange={(event) => setQuery(event.target.value)} rows={8} style={{ fontFamily: 'monospace' }} />
      {failure && <Alert type="error" title={failure} />}
      {answer?.errors.map((error, index) => {
        const ext = error.extensions ?? {};
        const code = String(ext['code'] ?? '');
        if (code !== 'FORBIDDEN_FIELD')
          return <Alert key={index} type="error" title={`${errorMessage(code, language)}（${code}）`} description={error.message} />;
        const field = String(ext['field'] ?? '');
        const shareType = String(ext['shareType'] ?? '');
        const requestable = ext['requestable'] === true;
        const link = `#/catalog?${new URLSearchParams({ apply: field, purpose }).toString()}`;
        return (
          <Alert
            key={index}
            type="warning"
            data-testid="forbidden-field"
            title={`${errorMessage(code, language)}：${field}`}
            description={
              <span>
                {t(
                  `该信息项由${departmentName(String(ext['provider'] ?? ''))}提供，共享类型为「${SHARE_TYPES[shareType]?.zh ?? shareType}」，本部门在所选使用用途下未获授权，因此返回空值（null）。`,
                  `Provided by ${String(ext['provider'] ?? '')} (${SHARE_TYPES[shareType]?.en ?? shareType}); your department holds no grant for this purpose, so it is null.`,
                )}{' '}
                {requestable ? (
                  <a href={link}>{t('可申请：填写共享申请', 'Requestable: open the access request')}</a>
                ) : ext['escalatable'] === true ? (
                  <a href={link}>{t('仅可提请协调：向领导小组办公室提请', 'Only escalatable to the coordination office')}</a>
                ) : null}
              </span>
            }
          />
        );
      })}
      {answer && (
        <Card size="small" title={t('查询结果', 'Result')}>
          <Typography.Paragraph>
            <pre data-testid="explorer-result" data-run={runs} style={{ margin: 0 }}>
              {JSON.stringify(answer.data, null, 2)}
            </pre>
          </Typography.Paragraph>
        </Card>
      )}
    </Space>
  );
}
