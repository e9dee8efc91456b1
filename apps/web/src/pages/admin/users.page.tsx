import { errorText } from '../../api/client';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useListSearch } from '../../components/list-search';
import { adminApi, type AccountInput } from './admin.api';
import type { Account, Department, OneTimePassword, Role } from './admin.types';

export const ROLE_TITLES: Record<Role, string> = {
  department: '部门联络员',
  operator: '局监督员',
  admin: '管理员',
};

const accountText = (a: Account) => `${a.username} ${a.displayName} ${a.departmentId ?? ''}`;

/** Accounts: role, department, phone, e-mail, disable; a one-time password is shown once, here only. */
export function UsersPage() {
  const [items, setItems] = useState<Account[]>([]);
  const { shown, box } = useListSearch(items, accountText, '搜索账号（登录名、名字或部门）');
  const [departments, setDepartments] = useState<Department[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [secret, setSecret] = useState<OneTimePassword | null>(null);
  const [form] = Form.useForm<AccountInput>();
  const role = Form.useWatch('role', form);

  const reload = useCallback(() => {
    adminApi.users().then(
      (u) => (setItems(u.items), setError(null)),
      (e) => setError(errorText(e)),
    );
  }, []);
  useEffect(() => {
    reload();
    adminApi.departments().then(
      (d) => setDepartments(d.items),
      (e) => setError(errorText(e)),
    );
  }, [reload]);
  const departmentName = (code: string | null) =>
    code ? `${departments.find((d) => d.code === code)?.name ?? code}（${code}）` : '—';

  const open = (account: Account | 'new') => {
    setFormError(null);
    form.resetFields();
    if (account !== 'new') form.setFieldsValue({ ...account });
    else form.setFieldsValue({ role: 'department' });
    setEditing(account);
  };

  const save = async () => {
    const v = await form.validateFields();
    const body: AccountInput = {
      displayName: v.displayName,
      role: v.role,
      departmentId: v.role === 'department' ? v.departmentId : null,
      phone: v.phone || null,
      email: v.email || null,
    };
    setSaving(true);
    try {
      if (editing === 'new') {
        const created = await adminApi.createUser({
          ...body,
          username: v.username,
          departmentId: body.departmentId ?? undefined,
          phone: body.phone ?? undefined,
          email: body.email ?? undefined,
        });
        setSecret({ username: created.username, oneTimePassword: created.oneTimePassword });
      } else if (editing) {
        await adminApi.updateUser(editing.username, body);
        setNotice(`已保存账号 ${editing.username}`);
      }
      setEditing(null);
      reload();
    } catch (e) {
      setFormError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setNotice(done);
      reload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const columns: ColumnsType<Account> = [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'displayName', width: 120 },
    { title: '角色', dataIndex: 'role', width: 110, render: (r: Role) => ROLE_TITLES[r] ?? r },
    { title: '部门', dataIndex: 'departmentId', render: departmentName },
    { title: '电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '电子邮箱', dataIndex: 'email', width: 180, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      key: 'state',
      render: (_: unknown, a) => (
        <Space size={4} wrap>
          {a.disabled ? <Tag color="#595959">已停用</Tag> : <Tag color="#237804">启用</Tag>}
          {a.mustChangePassword && <Tag color="#ad4e00">待修改初始密码</Tag>}
          {a.locked && <Tag color="#a8071a">已锁定</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, a) => (
        <Space wrap>
          <Button size="small" onClick={() => open(a)}>
            编辑
          </Button>
          <Popconfirm
            title={`重置 ${a.username} 的密码？`}
            description="将生成一次性密码，对方登录后须立即修改"
            okText="重置"
            cancelText="取消"
            onConfirm={() =>
              void adminApi.resetPassword(a.username).then(
                (s) => setSecret(s),
                (e) => setError(errorText(e)),
              )
            }
          >
            <Button size="small">重置密码</Button>
          </Popconfirm>
          <Switch
            size="small"
            checked={!a.disabled}
            aria-label={`${a.username}：${a.disabled ? '启用' : '停用'}账号`}
            onChange={(on) =>
              void act(
                () => adminApi.updateUser(a.username, { disabled: !on }),
                on ? `已启用账号 ${a.username}` : `已停用账号 ${a.username}：已签发的令牌立即失效`,
              )
            }
          />
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          用户管理
        </Typography.Title>
      }
      extra={
        <Button type="primary" onClick={() => open('new')}>
          新建用户
        </Button>
      }
    >
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          message={error}
          onClose={() => setError(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      {notice && (
        <Alert
          type="success"
          showIcon
          closable
          message={notice}
          onClose={() => setNotice(null)}
          style={{ marginBottom: 16 }}
        />
      )}
      {box}
      <Table
        rowKey="username"
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 20 }}
        scroll={{ x: true }}
      />
      <Modal
        title={editing === 'new' ? '新建用户' : '编辑用户'}
        open={editing !== null}
        onOk={() => void save()}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" name="account">
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={Object.entries(ROLE_TITLES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {role === 'department' && (
            <Form.Item
              name="departmentId"
              label="所属部门"
              rules={[{ required: true, message: '部门联络员须选择所属部门' }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={departments
                  .filter((d) => d.active)
                  .map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
              />
            </Form.Item>
          )}
          <Form.Item name="phone" label="电话">
            <Input />
          </Form.Item>
          <Form.Item name="email" label="电子邮箱">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="一次性密码"
        open={secret !== null}
        onOk={() => setSecret(null)}
        onCancel={() => setSecret(null)}
        okText="我已记下"
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert
          type="warning"
          showIcon
          message="此密码只显示这一次，关闭后无法再查看"
          description="请当面或通过安全渠道交给本人；对方首次登录须立即修改密码。"
          style={{ marginBottom: 16 }}
        />
        <Typography.Paragraph>
          账号 <Typography.Text strong>{secret?.username}</Typography.Text> 的一次性密码：
        </Typography.Paragraph>
        <Typography.Paragraph
          copyable={{ text: secret?.oneTimePassword }}
          code
          data-testid="one-time-password"
        >
          {secret?.oneTimePassword}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
