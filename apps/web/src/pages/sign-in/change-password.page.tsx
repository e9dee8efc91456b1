import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { post } from '../../api/client';
import { setSession, type Session } from '../../auth/session';
import { useSession } from '../../auth/use-session';
import { ProblemAlert } from '../../components/problem-alert';

/** The forced change at first sign-in: nothing else works until the password is the person's own. */
export function ChangePasswordPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!session) return <Navigate to="/sign-in" replace />;

  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await post<Session>('/me/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      setSession({ accessToken: answer.accessToken, user: answer.user ?? session.user });
      navigate('/', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <main>
        <Card style={{ width: 440 }}>
          <Typography.Title level={1} style={{ fontSize: 22 }}>
            修改初始密码
          </Typography.Title>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="首次登录须先修改密码"
            description="您的密码由管理员设置，修改为只有您知道的新密码后才能使用其他功能。"
          />
          <ProblemAlert error={error} />
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              label="当前密码"
              name="currentPassword"
              rules={[{ required: true, message: '请输入当前密码' }]}
            >
              <Input.Password autoComplete="current-password" autoFocus />
            </Form.Item>
            <Form.Item
              label="新密码"
              name="newPassword"
              rules={[{ required: true, message: '请输入新密码' }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              label="确认新密码"
              name="confirm"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: '请再次输入新密码' },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    !value || getFieldValue('newPassword') === value
                      ? Promise.resolve()
                      : Promise.reject(new Error('两次输入的新密码不一致')),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={busy}>
                修改密码并进入
              </Button>
              <Button
                onClick={() => {
                  setSession(null);
                  navigate('/sign-in', { replace: true });
                }}
              >
                退出
              </Button>
            </Flex>
          </Form>
        </Card>
      </main>
    </Flex>
  );
}
