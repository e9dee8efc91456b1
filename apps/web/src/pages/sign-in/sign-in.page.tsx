import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { get, post } from '../../api/client';
import { setSession, type Session } from '../../auth/session';
import { useSession } from '../../auth/use-session';
import { ProblemAlert } from '../../components/problem-alert';

interface SsoConfig {
  enabled: boolean;
  label?: string;
  displayName?: string;
}

/** Only a path of this console: `next` must never send a signed-in person to another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

/** The token single sign-on hands back in the URL fragment (never sent to a server). */
function ssoFragment(): { token: string; mustChange: boolean } | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('access_token');
  return token ? { token, mustChange: params.get('must_change_password') === 'true' } : null;
}

export function SignInPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const next = safeNext(search.get('next'));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<SsoConfig | null>(null);

  useEffect(() => {
    get<SsoConfig>('/auth/sso/config').then(setSso, () => setSso(null));
    const fragment = ssoFragment();
    if (!fragment) return;
    history.replaceState(null, '', location.pathname + location.search);
    // The token is ours now; who it belongs to comes from /me.
    setSession({ accessToken: fragment.token, user: null as never, mustChangePassword: fragment.mustChange });
    get<{
      id: string;
      username: string;
      displayName: string;
      role: Session['user']['role'];
      departmentId: string | null;
    }>('/me').then(
      (me) => setSession({ accessToken: fragment.token, user: me, mustChangePassword: fragment.mustChange }),
      (e: unknown) => {
        setSession(null);
        setError(e);
      },
    );
  }, []);

  if (session?.user && session.mustChangePassword) return <Navigate to="/sign-in/change-password" replace />;
  if (session?.user) return <Navigate to={next} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await post<Session>('/auth/login', values);
      setSession({
        accessToken: answer.accessToken,
        user: answer.user,
        ...(answer.mustChangePassword ? { mustChangePassword: true } : {}),
      });
      navigate(answer.mustChangePassword ? '/sign-in/change-password' : next, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <main>
        {/* A plain panel, not antd's Card: Card brings Tabs, Dropdown and Menu into the first download. */}
        <section
          style={{
            width: 400,
            padding: 24,
            background: '#fff',
            borderRadius: 8,
            border: '1px solid #f0f0f0',
          }}
        >
          <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>
            期限监管
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            政务信息化项目期限监管控制台
          </Typography.Paragraph>
          <ProblemAlert error={error} />
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              登录
            </Button>
          </Form>
          {sso?.enabled ? (
            <>
              <Divider plain>或</Divider>
              <Button block icon={<SafetyCertificateOutlined />} href="/api/v1/auth/sso">
                统一身份认证登录
              </Button>
            </>
          ) : null}
        </section>
      </main>
    </Flex>
  );
}
