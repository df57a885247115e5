/**
 * Sign-in: the district's identity provider (OpenID Connect, when the platform offers it) and, on demo
 * keys only, the demo sign-in — pick a department and a role; the gateway issues the token.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Select } from 'antd';
import { errorMessage } from '../error-messages.ts';
import { DEPARTMENTS, ROLE_NAMES, useLanguage, useT } from '../i18n.tsx';
import { ApiError, demoSignIn, type Role, type Session } from '../session.ts';

export default function SignIn({ onSignedIn, oidcOffered }: { onSignedIn: (session: Session) => void; oidcOffered: boolean }) {
  const t = useT();
  return (
    <>
      {oidcOffered && (
        <Card title={t('统一身份认证', 'District sign-in')} style={{ maxWidth: 520, margin: '48px auto 0' }}>
          <Button type="primary" href="/auth/oidc/login" block>
            {t('统一身份认证登录', 'Sign in with the district identity provider')}
          </Button>
        </Card>
      )}
      <DemoSignIn onSignedIn={onSignedIn} />
    </>
  );
}

function DemoSignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const t = useT();
  const language = useLanguage();
  const [dept, setDept] = useState('civil-affairs');
  const [role, setRole] = useState<Role>('consumer');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const roles: Role[] = dept === 'info-center' ? ['consumer', 'platform-admin'] : ['consumer', 'provider-admin'];

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await demoSignIn(dept, role));
    } catch (caught) {
      const code = caught instanceof ApiError ? caught.code : 'NETWORK';
      setError(
        code === 'ROUTE_NOT_FOUND'
          ? t('本平台未启用演示登录（生产环境使用统一身份认证）', 'Demo sign-in is not available on this platform')
          : errorMessage(code, language),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('演示登录', 'Demo sign-in')} style={{ maxWidth: 520, margin: '48px auto' }}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('演示环境：任选部门和角色登录，仅用于演示，不得用于真实业务。', 'Demo: sign in as any department and role; never for real work.')}
      />
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={t('部门', 'Department')} htmlFor="sign-in-dept">
          <Select
            id="sign-in-dept"
            value={dept}
            onChange={(value) => {
              setDept(value);
              setRole('consumer');
            }}
            options={DEPARTMENTS.map((department) => ({ value: department.code, label: `${department.name}（${department.code}）` }))}
          />
        </Form.Item>
        <Form.Item label={t('角色', 'Role')} htmlFor="sign-in-role">
          <Select<Role>
            id="sign-in-role"
            value={role}
            onChange={setRole}
            options={roles.map((value) => ({ value, label: t(ROLE_NAMES[value]!.zh, ROLE_NAMES[value]!.en) }))}
          />
        </Form.Item>
        {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('登录（演示）', 'Sign in (demo)')}
        </Button>
      </Form>
    </Card>
  );
}
