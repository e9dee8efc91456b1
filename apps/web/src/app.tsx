import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { isBureau } from './auth/session';
import { useSession } from './auth/use-session';
import { ConsoleLayout } from './layout/console.layout';
import { adminArea } from './pages/admin/admin.routes';
import { DashboardPage } from './pages/bureau/dashboard.page';
import { DueSoonPage } from './pages/bureau/due-soon.page';
import { OverduePage } from './pages/bureau/overdue.page';
import { ForbiddenPage } from './pages/forbidden.page';
import { InboxPage } from './pages/inbox/inbox.page';
import { NotFoundPage } from './pages/not-found.page';
import { projectsArea } from './pages/projects/projects.routes';
import { ChangePasswordPage } from './pages/sign-in/change-password.page';
import { SignInPage } from './pages/sign-in/sign-in.page';
import { allows, type AreaRoute } from './routes';

dayjs.locale('zh-cn');

function Home() {
  const session = useSession();
  return <Navigate to={isBureau(session?.user) ? '/dashboard' : '/projects'} replace />;
}

/** A route that checks the role before showing the page (the API checks again on every call). */
function Guarded(props: { route: AreaRoute }) {
  const session = useSession();
  if (!allows(props.route.roles, session?.user.role)) return <ForbiddenPage />;
  return <>{props.route.element}</>;
}

const CORE_ROUTES: AreaRoute[] = [
  { path: 'dashboard', element: <DashboardPage />, roles: ['operator', 'admin'] },
  { path: 'overdue', element: <OverduePage /> },
  { path: 'due-soon', element: <DueSoonPage /> },
  { path: 'inbox', element: <InboxPage /> },
];

export function App() {
  const routes = [...CORE_ROUTES, ...projectsArea.routes, ...adminArea.routes];
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{
        token: {
          fontSize: 14,
          colorPrimary: '#0958d9',
          colorLink: '#0958d9',
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
        },
      }}
    >
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/sign-in/change-password" element={<ChangePasswordPage />} />
            <Route element={<ConsoleLayout />}>
              <Route index element={<Home />} />
              {routes.map((r) => (
                <Route key={r.path} path={r.path} element={<Guarded route={r} />} />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
