import { Alert, Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../../api/client';
import { useListSearch } from '../../components/list-search';
import { adminApi } from './admin.api';
import type { Contact, Department } from './admin.types';
import { ContactsField } from './contacts.field';

interface EditState {
  mode: 'create' | 'edit';
  department?: Department;
}

const departmentText = (d: Department) => `${d.code} ${d.name}`;

/** Departments: create, rename, keep contacts, deactivate (its projects stay visible) and reactivate. */
export function DepartmentsPage() {
  const [items, setItems] = useState<Department[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditState | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<{ code: string; name: string; contacts: Contact[] }>();
  const { shown, box } = useListSearch(items, departmentText, '搜索部门（编号或名称）');

  const reload = useCallback(() => {
    adminApi.departments().then(
      (d) => (setItems(d.items), setError(null)),
      (e) => setError(errorText(e)),
    );
  }, []);
  useEffect(reload, [reload]);

  const open = (state: EditState) => {
    setFormError(null);
    form.setFieldsValue({
      code: state.department?.code ?? '',
      name: state.department?.name ?? '',
      contacts: state.department?.contacts ?? [],
    });
    setEditing(state);
  };

  const save = async () => {
    const values = await form.validateFields();
    const contacts = (values.contacts ?? []).map((c) => ({
      name: c.name,
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.email ? { email: c.email } : {}),
    }));
    setSaving(true);
    try {
      if (editing?.mode === 'create') {
        await adminApi.createDepartment({ code: values.code, name: values.name, contacts });
        setNotice(`已创建部门「${values.name}」（${values.code}）`);
      } else if (editing?.department) {
        await adminApi.updateDepartment(editing.department.code, { name: values.name, contacts });
        setNotice(`已保存部门「${values.name}」`);
      }
      setEditing(null);
      reload();
    } catch (e) {
      setFormError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const setActive = async (d: Department, active: boolean) => {
    try {
      await adminApi.updateDepartment(d.code, { active });
      setNotice(
        active ? `已重新启用「${d.name}」` : `已停用「${d.name}」：不能再添加项目或账号，已有项目仍可查看`,
      );
      reload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const columns: ColumnsType<Department> = [
    { title: '部门编号', dataIndex: 'code' },
    { title: '部门名称', dataIndex: 'name' },
    {
      title: '联系人',
      dataIndex: 'contacts',
      render: (contacts: Contact[]) =>
        contacts.length === 0
          ? '—'
          : contacts.map((c) => (
              <div key={`${c.name}${c.phone ?? ''}`}>
                {c.name} {c.phone ?? ''} {c.email ?? ''}
              </div>
            )),
    },
    {
      title: '状态',
      dataIndex: 'active',
      render: (active: boolean) =>
        active ? <Tag color="#237804">启用</Tag> : <Tag color="#595959">已停用</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, d) => (
        <Space>
          <Button size="small" onClick={() => open({ mode: 'edit', department: d })}>
            编辑
          </Button>
          <Switch
            size="small"
            checked={d.active}
            aria-label={`${d.name}：${d.active ? '停用' : '启用'}`}
            onChange={(on) => void setActive(d, on)}
          />
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          部门管理
        </Typography.Title>
      }
      extra={
        <Button type="primary" onClick={() => open({ mode: 'create' })}>
          新建部门
        </Button>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
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
      <Table rowKey="code" columns={columns} dataSource={shown} pagination={{ pageSize: 20 }} />
      <Modal
        title={editing?.mode === 'create' ? '新建部门' : '编辑部门'}
        open={editing !== null}
        onOk={() => void save()}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        width={720}
      >
        {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" name="department">
          <Form.Item
            name="code"
            label="部门编号"
            extra="小写字母开头，小写字母、数字和连字符，如 dept-nr；创建后不能修改"
            rules={[{ required: true, message: '请填写部门编号' }]}
          >
            <Input disabled={editing?.mode === 'edit'} />
          </Form.Item>
          <Form.Item
            name="name"
            label="部门名称"
            rules={[{ required: true, message: '请填写部门的中文全称' }]}
          >
            <Input />
          </Form.Item>
          <ContactsField />
        </Form>
      </Modal>
    </Card>
  );
}
