/**
 * 查询工作台: GraphiQL (bundled, loaded on demand) with the declared 使用用途 and 办理事项 sent as the
 * request headers a program would send (X-Share-Purpose, X-Share-Matter); each withheld item
 * (FORBIDDEN_FIELD) of the last answer is explained in Chinese, with a link that opens the 共享申请
 * form filled in (周政发〔2018〕6号 art. 13).
 */
import { lazy, Suspense, useCallback, useRef, useState, type ComponentProps } from 'react';
import { Alert, Card, Form, Input, Select, Space, Spin } from 'antd';
import type { GraphQLAnswer } from '../api.ts';
import type GraphiQLPaneType from '../components/GraphiQLPane.tsx';
import { errorMessage } from '../error-messages.ts';
import { departmentName, PURPOSES, SHARE_TYPES, useLanguage, useT } from '../i18n.tsx';
import { loadSession } from '../session.ts';

const GraphiQLPane = lazy(() => import('../components/GraphiQLPane.tsx'));

type Fetcher = ComponentProps<typeof GraphiQLPaneType>['fetcher'];

const EXAMPLE = `# 使用用途、办理事项在上方选择，随每次查询作为请求头发送
query Resident {
  resident(citizenId: "370306198503120122") {
    name
    monthlyPension
    criminalRecord
  }
}
`;

/** The matter as the gateway reads it: percent-encoded, at most 128 characters. */
const MATTER_MAX = 128;

export default function Explorer() {
  const t = useT();
  const language = useLanguage();
  const [purpose, setPurpose] = useState('DATA_VERIFICATION');
  const [matter, setMatter] = useState('');
  const [answer, setAnswer] = useState<GraphQLAnswer<unknown>>();
  // The fetcher reads the declared use when it runs: GraphiQL keeps one fetcher (a new one would introspect again).
  const declared = useRef({ purpose, matter });
  declared.current = { purpose, matter };

  const fetcher = useCallback<Fetcher>(async (params) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const session = loadSession();
    if (session?.token) headers['authorization'] = `Bearer ${session.token}`;
    headers['x-share-purpose'] = declared.current.purpose;
    if (declared.current.matter) headers['x-share-matter'] = encodeURIComponent(declared.current.matter);
    const response = await fetch(`${location.origin}/graphql`, { method: 'POST', headers, body: JSON.stringify(params) });
    const body = (await response.json()) as { data?: unknown; errors?: GraphQLAnswer<unknown>['errors'] };
    if (params.operationName !== 'IntrospectionQuery') setAnswer({ data: body.data, errors: body.errors ?? [] });
    // Handed to GraphiQL as it came: GraphiQL's result type is graphql-js's, which the console does not import.
    return body as never;
  }, []);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Form layout="inline">
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
            <Input id="explorer-matter" value={matter} maxLength={MATTER_MAX} onChange={(event) => setMatter(event.target.value)} style={{ width: 280 }} />
          </Form.Item>
          <span style={{ color: 'rgba(0,0,0,0.45)', lineHeight: '32px' }}>
            {t('在下方编辑查询，按 Ctrl+Enter 或点击运行按钮执行', 'Edit the query below; Ctrl+Enter or the run button executes it')}
          </span>
        </Form>
      </Card>
      <Suspense fallback={<Spin tip={t('正在加载查询工作台…', 'Loading the explorer…')} />}>
        <GraphiQLPane fetcher={fetcher} defaultQuery={EXAMPLE} />
      </Suspense>
      <div data-testid="explorer-answer" aria-live="polite">
        {answer?.errors.map((error, index) => {
          const ext = error.extensions ?? {};
          const code = String(ext['code'] ?? '');
          if (code !== 'FORBIDDEN_FIELD')
            return (
              <Alert key={index} type="error" style={{ marginBottom: 8 }} title={`${errorMessage(code, language)}（${code}）`} description={error.message} />
            );
          const field = String(ext['field'] ?? '');
          const shareType = String(ext['shareType'] ?? '');
          const requestable = ext['requestable'] === true;
          const link = `#/catalog?${new URLSearchParams({ apply: field, purpose }).toString()}`;
          return (
            <Alert
              key={index}
              type="warning"
              style={{ marginBottom: 8 }}
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
        {answer && answer.errors.length === 0 && <Alert type="success" title={t('查询完成，所有信息项均已返回', 'Done: every item was served')} />}
      </div>
    </Space>
  );
}
