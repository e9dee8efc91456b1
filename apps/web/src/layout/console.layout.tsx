import {
  AlertOutlined,
  BellOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  LogoutOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Button, Flex, Layout, Menu, Typography } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { post } from '../api/client';
import { useUnreadCount } from '../api/inbox';
import { isBureau, ROLE_LABELS, setSession, type Role } from '../auth/session';
import { useSession } from '../auth/use-session';
import { PageLoading } from '../components/lazy-page';
import { adminArea } from '../pages/admin/admin.routes';
import { projectsArea } from '../pages/projects/projects.routes';
import { allows, type AreaMenuItem } from '../routes';

const BUREAU: Role[] = ['operator', 'admin'];

/** The console's own entries; the areas add theirs from their registries. */
const CORE_MENU: AreaMenuItem[] = [
  { path: '/dashboard', label: '监管总览', icon: <DashboardOutlined />, roles: BUREAU },
  { path: '/overdue', label: '逾期事项', icon: <AlertOutlined /> },
  { path: '/due-soon', label: '即将到期', icon: <ClockCircleOutlined /> },
];

export function menuFor(role: Role | undefined): AreaMenuItem[] {
  const inbox: AreaMenuItem = { path: '/inbox', label: '消息', icon: <BellOutlined /> };
  return [...CORE_MENU, ...projectsArea.menu, ...adminArea.menu, inbox].filter((item) =>
    allows(item.roles, role),
  );
}

/** Header (product, user, inbox badge, sign-out), side menu by role, and the page. */
export function ConsoleLayout() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const unread = useUnreadCount(!!session && !session.mustChangePassword);
  if (!session)
    return (
      <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  if (session.mustChangePassword) return <Navigate to="/sign-in/change-password" replace />;
  const user = session.user;
  const items = menuFor(user.role);
  const selected = items
    .map((i) => i.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  const signOut = async () => {
    await post('/auth/logout').catch(() => undefined);
    setSession(null);
    navigate('/sign-in', { replace: true });
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 24, background: '#001529' }}
      >
        <Typography.Link
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
          style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}
        >
          期限监管
        </Typography.Link>
        <Flex gap={16} align="center" style={{ marginLeft: 'auto', color: '#fff' }}>
          <Badge count={unread} size="small" overflowCount={99}>
            <Button
              type="text"
              icon={<BellOutlined />}
              aria-label={unread ? `消息，${unread} 条未读` : '消息'}
              style={{ color: '#fff' }}
              onClick={() => navigate('/inbox')}
            />
          </Badge>
          <span style={{ whiteSpace: 'nowrap' }}>
            <UserOutlined aria-hidden /> {user.displayName}（{ROLE_LABELS[user.role]}
            {!isBureau(user) && user.departmentId ? `·${user.departmentName ?? user.departmentId}` : ''}）
          </span>
          <Button icon={<LogoutOutlined />} onClick={signOut}>
            退出登录
          </Button>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={184} theme="light" breakpoint="lg" collapsedWidth={64}>
          <nav aria-label="主菜单">
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              style={{ height: '100%', borderInlineEnd: 0 }}
              items={items.map((i) => ({ key: i.path, icon: i.icon, label: i.label }))}
              onClick={({ key }) => navigate(key)}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <main>
            {/* Its own boundary, so opening a page keeps the header and menu in place while it loads. */}
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
