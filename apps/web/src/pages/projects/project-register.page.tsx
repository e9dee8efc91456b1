import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { projectsApi } from './projects.api';
import type { Policy } from './projects.types';
import { useDepartments } from '../../api/departments';
import { PageHeader } from '../../components/page-header';
import { errorText } from '../../api/client';
import { useSession } from '../../auth/use-session';

interface Values {
  name: string;
  departmentId?: string;
  policy: string;
  planYear: number;
  investment: number;
  softwareDevelopment?: number;
  category?: 'key' | 'general';
  plannedAcceptanceOn?: Dayjs;
  allowOutOfForce?: boolean;
}

const inForceText = (p: Policy) =>
  p.inForce ? p.name : `${p.name}（不在施行期内：${p.validFrom ?? '…'} 至 ${p.validUntil ?? '…'}）`;

/** Registers a project under a regulation in force, or, confirmed explicitly, one that is not. */
export function ProjectRegisterPage() {
  // The page sits behind the console's sign-in; the server decides again on every call.
  const role = useSession()?.user.role ?? 'department';
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [policies, setPolicies] = useState<Policy[]>([]);
  const departments = useDepartments().filter((d) => d.active);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // One key per form: a retry after a lost answer registers the same project, not a second one.
  const key = useMemo(() => crypto.randomUUID(), []);
  const policyId = Form.useWatch('policy', form);
  const policy = policies.find((p) => p.id === policyId);

  useEffect(() => {
    projectsApi.policies().then(setPolicies, (e) => setError(errorText(e)));
  }, []);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const created = await projectsApi.register(
        {
          name: v.name.trim(),
          ...(v.departmentId ? { departmentId: v.departmentId } : {}),
          policy: v.policy,
          planYear: v.planYear,
          investment: v.investment,
          ...(v.softwareDevelopment !== undefined && v.softwareDevelopment !== null
            ? { softwareDevelopment: v.softwareDevelopment }
            : {}),
          ...(v.category ? { category: v.category } : {}),
          ...(v.plannedAcceptanceOn
            ? { plannedAcceptanceOn: v.plannedAcceptanceOn.format('YYYY-MM-DD') }
            : {}),
          ...(v.allowOutOfForce ? { allowOutOfForce: true } : {}),
        },
        key,
      );
      navigate(`/projects/${created.id}`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const inForce = policies.filter((p) => p.inForce);
  const outOfForce = policies.filter((p) => !p.inForce);

  return (
    <>
      <PageHeader
        title="登记项目"
        subtitle="登记后即按适用办法计算各事项的期限；已经发生的事实可在项目页登记。"
      />
      <Card>
        <Form<Values>
          name="register"
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          onFinish={submit}
          initialValues={{ planYear: new Date().getFullYear() + 1 }}
          requiredMark
        >
          <Form.Item
            label="项目名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请填写项目名称' },
              { max: 200, message: '项目名称不超过 200 字' },
            ]}
          >
            <Input />
          </Form.Item>
          {role !== 'department' && (
            <Form.Item
              label="部门"
              name="departmentId"
              rules={[{ required: true, message: '请选择项目所属部门' }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={departments.map((d) => ({ value: d.code, label: d.name }))}
              />
            </Form.Item>
          )}
          <Form.Item
            label="适用办法"
            name="policy"
            rules={[{ required: true, message: '请选择适用办法' }]}
            extra="期限按所选办法计算，每个日期都注明依据条款。"
          >
            <Select
              options={[
                { label: '施行中的办法', options: inForce.map((p) => ({ value: p.id, label: p.name })) },
                ...(outOfForce.length
                  ? [
                      {
                        label: '不在施行期内的办法',
                        options: outOfForce.map((p) => ({ value: p.id, label: inForceText(p) })),
                      },
                    ]
                  : []),
              ]}
            />
          </Form.Item>
          {policy && !policy.inForce && (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={`${policy.name}今天不在施行期内（施行期 ${policy.validFrom ?? '…'} 至 ${policy.validUntil ?? '…'}）`}
                description="按该办法登记的项目会在每个页面上标注“办法不在施行期内”。如确需按该办法登记，请勾选下面的确认。"
              />
              <Form.Item
                name="allowOutOfForce"
                valuePropName="checked"
                rules={[
                  {
                    validator: (_, v) =>
                      v ? Promise.resolve() : Promise.reject(new Error('请确认按不在施行期内的办法登记')),
                  },
                ]}
              >
                <Checkbox>我确认按不在施行期内的办法登记该项目</Checkbox>
              </Form.Item>
            </>
          )}
          {policy?.requiresCategory && (
            <Form.Item
              label="项目类别"
              name="category"
              rules={[{ required: true, message: `${policy.name}要求注明项目类别` }]}
            >
              <Select
                options={[
                  { value: 'key', label: '重点类' },
                  { value: 'general', label: '一般类' },
                ]}
              />
            </Form.Item>
          )}
          <Space size="large" wrap>
            <Form.Item
              label="计划年度"
              name="planYear"
              rules={[{ required: true, message: '请填写计划年度' }]}
            >
              <InputNumber min={2005} max={2099} precision={0} />
            </Form.Item>
            <Form.Item
              label="总投资（元）"
              name="investment"
              rules={[{ required: true, message: '请填写总投资' }]}
            >
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label="软件开发费（元）" name="softwareDevelopment">
              <InputNumber min={0} precision={2} style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Form.Item label="计划验收日期" name="plannedAcceptanceOn">
            <DatePicker />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              showIcon
              title="未能登记"
              description={error}
              style={{ marginBottom: 16 }}
              role="alert"
            />
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              登记
            </Button>
            <Button onClick={() => navigate('/projects')}>返回项目清单</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
