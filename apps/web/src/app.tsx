import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { isBureau } from './auth/session';
import { useSession } from './auth/use-session';
import { lazyPage, PageLoading } from './components/lazy-page';
import { adminArea } from './pages/admin/admin.routes';
import { projectsArea } from './pages/projects/projects.routes';
import { SignInPage } from './pages/sign-in/sign-in.page';
import { allows, type AreaRoute } from './routes';

dayjs.locale('zh-cn');

// Result's illustrations are large; only a wrong address or a refused page needs them.
const forbidden = lazyPage(() => import('./pages/forbidden.page'), 'ForbiddenPage');
const notFound = lazyPage(() => import('./pages/not-found.page'), 'NotFoundPage');
const consoleLayout = lazyPage(() => import('./layout/console.layout'), 'ConsoleLayout');
const changePassword = lazyPage(() => import('./pages/sign-in/change-password.page'), 'ChangePasswordPage');

function Home() {
  const session = useSession();
  return <Navigate to={isBureau(session?.user) ? '/dashboard' : '/projects'} replace />;
}

/** A route that checks the role before showing the page (the API checks again on every call). */
function Guarded(props: { route: AreaRoute }) {
  const session = useSession();
  if (!allows(props.route.roles, session?.user.role)) return forbidden;
  return <>{props.route.element}</>;
}

// The sign-in page is the only one in the first download; every other page (and ECharts, which only
// the dashboard draws with) arrives when its route is opened.
const CORE_ROUTES: AreaRoute[] = [
  {
    path: 'dashboard',
    element: lazyPage(() => import('./pages/bureau/dashboard.page'), 'DashboardPage'),
    roles: ['operator', 'admin'],
  },
  { path: 'overdue', element: lazyPage(() => import('./pages/bureau/overdue.page'), 'OverduePage') },
  { path: 'due-soon', element: lazyPage(() => import('./pages/bureau/due-soon.page'), 'DueSoonPage') },
  { path: 'inbox', element: lazyPage(() => import('./pages/inbox/inbox.page'), 'InboxPage') },
];
export function App() {
  const routes = [...CORE_ROUTES, ...projectsArea.routes, ...adminArea.routes];
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{
        // antd's defaults (#1677ff, 45% grey text) fall below WCAG AA contrast on white; axe flags them.
        token: {
          fontSize: 14,
          colorPrimary: '#0958d9',
          colorLink: '#0958d9',
          colorError: '#cf1322',
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
          colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/sign-in/change-password" element={changePassword} />
              <Route element={consoleLayout}>
                <Route index element={<Home />} />
                {routes.map((r) => (
                  <Route key={r.path} path={r.path} element={<Guarded route={r} />} />
                ))}
                <Route path="*" element={notFound} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
