import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { projectsApi } from './projects.api';
import { errorText } from '../../api/client';

interface Values {
  on: Dayjs;
  amount: number;
  newTotal: number;
  brandChange?: boolean;
  goalsChanged?: boolean;
  reason?: string;
}

export const CHANGE_PATHS: Record<string, string> = {
  filing: '报备即可',
  approval: '须报批',
  rejected: '不予变更',
};

/** A change request: the regulation decides its path (filing, approval or refused) and cites why. */
export function ChangeRequestForm({
  projectId,
  onRequested,
}: {
  projectId: string;
  onRequested: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [answer, setAnswer] = useState<{
    path: string;
    basis: string;
    basisText: string;
    reason: string;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    setAnswer(null);
    try {
      const res = await projectsApi.requestChange(
        projectId,
        {
          on: v.on.format('YYYY-MM-DD'),
          amount: v.amount,
          newTotal: v.newTotal,
          ...(v.brandChange ? { brandChange: true } : {}),
          ...(v.goalsChanged ? { goalsChanged: true } : {}),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        },
        crypto.randomUUID(),
      );
      setAnswer(res);
      form.resetFields();
      onRequested();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> name="change-request" form={form} layout="vertical" onFinish={submit} aria-label="申请变更">
      <Space size="middle" wrap align="start">
        <Form.Item label="申请日期" name="on" rules={[{ required: true, message: '请选择申请日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          label="变更金额（元）"
          name="amount"
          rules={[{ required: true, message: '请填写变更金额' }]}
        >
          <InputNumber min={0} precision={2} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          label="变更后总投资（元）"
          name="newTotal"
          rules={[{ required: true, message: '请填写变更后的总投资' }]}
        >
          <InputNumber min={0} precision={2} style={{ width: 180 }} />
        </Form.Item>
      </Space>
      <Space size="middle" wrap>
        <Form.Item name="brandChange" valuePropName="checked">
          <Checkbox>变更合同确定的软硬件设备品牌</Checkbox>
        </Form.Item>
        <Form.Item name="goalsChanged" valuePropName="checked">
          <Checkbox>变更影响总体目标实现</Checkbox>
        </Form.Item>
      </Space>
      <Form.Item label="变更原因（可选）" name="reason">
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      {error && (
        <Alert
          role="alert"
          type="error"
          showIcon
          title="未能提交变更申请"
          description={error}
          style={{ marginBottom: 12 }}
        />
      )}
      {answer && (
        <Alert
          type={answer.path === 'rejected' ? 'warning' : 'success'}
          showIcon
          title={`变更路径：${CHANGE_PATHS[answer.path] ?? answer.path}（${answer.basisText}）`}
          description={answer.reason}
          style={{ marginBottom: 12 }}
        />
      )}
      <Button htmlType="submit" loading={saving}>
        提交变更申请
      </Button>
    </Form>
  );
}
