/** The console's frame: language, sign-in, the menu of the pages the signed-in roles may use. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Select, Space, Spin, Tag, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { departmentName, LanguageContext, ROLE_NAMES, type Language } from './i18n.tsx';
import { PAGES } from './pages.ts';
import { go, useRoute } from './route.ts';
import { loadSession, oidcSignOut, readOidcSession, saveSession, SessionContext, type OidcState, type Session } from './session.ts';
import SignIn from './pages/SignIn.tsx';

// On demand: the bell brings the GraphQL client, which the sign-in does not need.
const NotificationBell = lazy(() => import('./components/NotificationBell.tsx'));

/** System fonts only: nothing is fetched from outside the intranet. */
const FONT = '-apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

export default function App() {
  const [language, setLanguage] = useState<Language>(() => (localStorage.getItem('zhoucun.language') === 'en' ? 'en' : 'zh'));
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [oidc, setOidc] = useState<OidcState>();
  // A person signed in at the district's identity provider comes back with a cookie session.
  useEffect(() => {
    readOidcSession()
      .then((state) => {
        setOidc(state);
        if (state.offered && state.session && !loadSession()) signedIn(state.session);
      })
      .catch(() => setOidc({ offered: false }));
  }, []);
  const route = useRoute();
  const t = (zh: string, en: string) => (language === 'zh' ? zh : en);
  const pages = session ? PAGES.filter((page) => page.roles.some((role) => session.roles.includes(role))) : [];
  const page = pages.find((entry) => entry.path === route.path) ?? pages[0];
  const menuItem = (entry: (typeof pages)[number]) => ({ key: entry.path, label: <a href={`#/${entry.path}`}>{t(entry.zh, entry.en)}</a> });
  const management = pages.filter((entry) => entry.menu !== false && entry.management);
  const menuItems = [
    ...pages.filter((entry) => entry.menu !== false && !entry.management).map(menuItem),
    ...(management.length > 0 ? [{ key: 'management', label: t('共享管理', 'Management'), children: management.map(menuItem) }] : []),
  ];

  const switchLanguage = (value: Language) => {
    localStorage.setItem('zhoucun.language', value);
    document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
    setLanguage(value);
  };
  const signedIn = (next: Session | undefined) => {
    if (!next && session && !session.demo) void oidcSignOut();
    saveSession(next);
    setSession(next);
    go(next ? (PAGES.find((entry) => entry.roles.some((role) => next.roles.includes(role)))?.path ?? 'catalog') : 'sign-in');
  };

  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      theme={{ token: { fontFamily: FONT }, components: { Menu: { itemPaddingInline: 12 } } }}
      button={{ autoInsertSpace: false }}
    >
      <LanguageContext.Provider value={language}>
        <SessionContext.Provider value={session}>
          <AntApp>
            <Layout style={{ minHeight: '100vh' }}>
              <Layout.Header className="console-header" style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: 16 }}>
                <Typography.Title level={5} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
                  {t('周村区政务信息资源共享平台', 'Zhoucun data-sharing platform')}
                </Typography.Title>
                {session && <Menu theme="dark" mode="horizontal" style={{ flex: 1, minWidth: 0 }} selectedKeys={page ? [page.path] : []} items={menuItems} />}
                <Space style={{ marginLeft: 'auto' }}>
                  {session && page && (
                    <Suspense fallback={null}>
                      <NotificationBell path={route.path} />
                    </Suspense>
                  )}
                  {session && (
                    <Typography.Text style={{ color: '#fff' }} data-testid="whoami">
                      {/* At most 240 px, so the menu keeps its row; the whole name, application and roles on hover. */}
                      <span
                        title={`${departmentName(session.dept)} · ${session.app}（${session.roles.map((role) => t(ROLE_NAMES[role]!.zh, ROLE_NAMES[role]!.en)).join('、')}）`}
                        style={{
                          display: 'inline-block',
                          maxWidth: 240,
                          overflow: 'hidden',
                          textOverflow: 'ellipsis',
                          whiteSpace: 'nowrap',
                          verticalAlign: 'middle',
                        }}
                      >
                        {departmentName(session.dept)} · {session.app}
                      </span>
                      {session.demo && (
                        <Tag color="gold" style={{ marginLeft: 8 }}>
                          {t('演示', 'Demo')}
                        </Tag>
                      )}
                    </Typography.Text>
                  )}
                  <Select<Language>
                    aria-label={t('界面语言', 'Language')}
                    value={language}
                    onChange={switchLanguage}
                    options={[
                      { value: 'zh', label: '中文' },
                      { value: 'en', label: 'English' },
                    ]}
                  />
                  {session && <Button onClick={() => signedIn(undefined)}>{t('退出', 'Sign out')}</Button>}
                </Space>
              </Layout.Header>
              <Layout.Content style={{ padding: 24 }}>
                {!session || !page ? (
                  <SignIn onSignedIn={signedIn} oidcOffered={oidc?.offered === true} />
                ) : (
                  <Suspense fallback={<Spin />}>
                    <page.component key={page.path} />
                  </Suspense>
                )}
              </Layout.Content>
            </Layout>
          </AntApp>
        </SessionContext.Provider>
      </LanguageContext.Provider>
    </ConfigProvider>
  );
}
