import { App as AntApp, Button, ConfigProvider, Empty, Layout, Menu, Segmented, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { request, RequestError, SIGNED_OUT } from './api/request';
import { session } from './api/session';
import type { MeQuery, SignOutMutation } from './generated/graphql';
import { useI18n, type Lang } from './i18n/I18nProvider';
import { ChangePassword } from './signin/ChangePassword';
import { SIGN_OUT } from './signin/mutations';
import { ME } from './signin/queries';
import { SignIn } from './signin/SignIn';
import { useHashRoute, type Route } from './useHashRoute';
import { allowed, MENUS, sectionOf } from './workbench/menus';

export type Member = MeQuery['me'];

/** A screen in a chunk of its own, fetched the first time it is shown: the sign-in page loads
 * only what it needs (issue 18). */
function screenChunk<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const MatterEditor = screenChunk(() => import('./editor/MatterEditor'), 'MatterEditor');
const MatterList = screenChunk(() => import('./matters/MatterList'), 'MatterList');
const FollowUps = screenChunk(() => import('./workbench/admin/FollowUps'), 'FollowUps');
const StaffAccounts = screenChunk(() => import('./workbench/admin/StaffAccounts'), 'StaffAccounts');
const Halls = screenChunk(() => import('./workbench/halls/Halls'), 'Halls');
const SearchSynonyms = screenChunk(() => import('./workbench/synonyms/SearchSynonyms'), 'SearchSynonyms');
const ApplicationView = screenChunk(() => import('./workbench/clerk/ApplicationView'), 'ApplicationView');
const WindowQueue = screenChunk(() => import('./workbench/clerk/WindowQueue'), 'WindowQueue');
const Appointments = screenChunk(() => import('./workbench/desk/Appointments'), 'Appointments');
const WalkIn = screenChunk(() => import('./workbench/desk/WalkIn'), 'WalkIn');
const ReviewQueue = screenChunk(() => import('./workbench/review/ReviewQueue'), 'ReviewQueue');
const TaskView = screenChunk(() => import('./workbench/review/TaskView'), 'TaskView');
const Dashboard = screenChunk(() => import('./workbench/supervision/Dashboard'), 'Dashboard');
const AutomaticChecks = screenChunk(() => import('./workbench/review/AutomaticChecks'), 'AutomaticChecks');
const Reconciliation = screenChunk(() => import('./workbench/finance/Reconciliation'), 'Reconciliation');
const AuditLog = screenChunk(() => import('./workbench/audit/AuditLog'), 'AuditLog');

// Help under each input and links read at WCAG AA contrast (antd's default grey is 4.0:1 on
// white, its default link blue 4.1:1).
const theme = {
  token: {
    fontSize: 15,
    colorPrimary: '#1559b7',
    colorLink: '#1559b7',
    borderRadius: 6,
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  },
};

export function App() {
  const { lang, setLang, t } = useI18n();
  const [member, setMember] = useState<Member | null>(null);
  const [mustChangePassword, setMustChangePassword] = useState(false);
  const [checking, setChecking] = useState(() => session.token() !== null);
  const [route, go] = useHashRoute();

  useEffect(() => {
    if (!checking) return;
    request<MeQuery>(ME)
      .then((data) => setMember(data.me))
      .catch((e: unknown) => {
        if (e instanceof RequestError && e.code === 'PASSWORD_CHANGE_REQUIRED') setMustChangePassword(true);
        else session.clear();
      })
      .finally(() => setChecking(false));
  }, [checking]);

  useEffect(() => {
    const onSignedOut = () => setMember(null);
    window.addEventListener(SIGNED_OUT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT, onSignedOut);
  }, []);

  const signedIn = (who: Member, passwordChangeRequired: boolean) => {
    setMember(who);
    setMustChangePassword(passwordChangeRequired);
  };

  /** The server ends the session first (the token is refused from then on), then the tab
   * forgets it; a server that cannot be reached still leaves the tab signed out. */
  const signOut = async () => {
    await request<SignOutMutation>(SIGN_OUT).catch(() => undefined);
    session.clear();
    setMember(null);
    setMustChangePassword(false);
  };

  let content;
  if (checking) content = <Spin size="large" className="centered" />;
  else if (mustChangePassword)
    content = <ChangePassword onChanged={(who) => signedIn(who, false)} onSignOut={() => void signOut()} />;
  else if (!member) content = <SignIn onSignedIn={signedIn} />;
  else content = screen(member, route, go, t('agentHome'));
  const menu = member && !mustChangePassword ? MENUS[member.role] : [];

  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <Layout className="app">
          <Layout.Header className="app-header">
            <Typography.Title level={4} className="app-title" onClick={() => go({ page: 'home' })}>
              {t('appTitle')}
            </Typography.Title>
            <Space size="middle">
              {member && !mustChangePassword && (
                <Typography.Text className="app-member">
                  {member.name} · {t('region')} {member.regionCode}
                </Typography.Text>
              )}
              <Segmented<Lang>
                value={lang}
                onChange={setLang}
                options={[
                  { label: '中文', value: 'zh' },
                  { label: 'English', value: 'en' },
                ]}
              />
              {member && !mustChangePassword && <Button onClick={() => void signOut()}>{t('signOut')}</Button>}
            </Space>
          </Layout.Header>
          <Layout hasSider={menu.length > 1}>
            {menu.length > 1 && (
              <Layout.Sider width={180} theme="light" className="app-menu">
                <nav aria-label={t('menuLabel')}>
                  <Menu
                    mode="inline"
                    selectedKeys={[sectionOf(route)]}
                    items={menu.map((item) => ({
                      key: item.key,
                      label: t(item.label),
                      onClick: () => go(item.route),
                    }))}
                  />
                </nav>
              </Layout.Sider>
            )}
            <Layout.Content className="app-content">
              <Suspense fallback={<Spin size="large" className="centered" />}>{content}</Suspense>
            </Layout.Content>
          </Layout>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}

/** The screen for the route, or the role's first one when the route is not the role's. */
function screen(member: Member, route: Route, go: (route: Route) => void, agentHome: string) {
  const first = MENUS[member.role][0];
  if (!first) return <Empty description={agentHome} />;
  const shown = route.page !== 'home' && allowed(member.role, route) ? route : first.route;
  switch (shown.page) {
    case 'matter':
      return <MatterEditor key={shown.code} code={shown.code} onBack={() => go({ page: 'matters' })} />;
    case 'queue':
      return <WindowQueue onOpen={(id) => go({ page: 'application', id })} />;
    case 'application':
      return <ApplicationView key={shown.id} id={shown.id} onBack={() => go({ page: 'queue' })} />;
    case 'walkIn':
      return <WalkIn region={member.regionCode} onFiled={(id) => go({ page: 'application', id })} />;
    case 'appointments':
      return <Appointments onOpen={(id) => go({ page: 'application', id })} onWalkIn={() => go({ page: 'walkIn' })} />;
    case 'review':
      return <ReviewQueue onOpen={(id) => go({ page: 'task', id })} />;
    case 'task':
      return <TaskView key={shown.id} id={shown.id} onBack={() => go({ page: 'review' })} />;
    case 'checks':
      return <AutomaticChecks onOpenTask={(id) => go({ page: 'task', id })} />;
    case 'dashboard':
      return <Dashboard />;
    case 'reconciliation':
      return <Reconciliation />;
    case 'auditLog':
      return <AuditLog />;
    case 'staff':
      return <StaffAccounts />;
    case 'halls':
      return <Halls />;
    case 'followUps':
      return <FollowUps mayAct={member.role === 'COUNTY_ADMIN'} />;
    case 'synonyms':
      return <SearchSynonyms />;
    default:
      return <MatterList onOpen={(code) => go({ page: 'matter', code })} />;
  }
}
