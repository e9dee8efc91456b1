import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { factTitle } from './project-actions';
import { projectsApi } from './projects.api';
import type { Fact } from './projects.types';
import { errorText } from '../../api/client';

interface Values {
  kind: 'date' | 'withdraw';
  on?: Dayjs;
  reason: string;
}

/** Asks for a recorded fact's date to be corrected, or for it to be withdrawn; the bureau decides. */
export function CorrectionModal({
  projectId,
  fact,
  titles,
  onClose,
  onRequested,
}: {
  projectId: string;
  fact: Fact | null;
  titles: Record<string, string>;
  onClose: () => void;
  onRequested: (message: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);

  const submit = async (v: Values) => {
    if (!fact) return;
    setSaving(true);
    setError(null);
    try {
      const res = await projectsApi.requestCorrection(projectId, fact.index, {
        kind: v.kind,
        ...(v.kind === 'date' && v.on ? { on: v.on.format('YYYY-MM-DD') } : {}),
        reason: v.reason.trim(),
      });
      form.resetFields();
      onRequested(
        res.status === 'applied'
          ? `“${factTitle(titles, fact.type)}”已更正`
          : `已提交“${factTitle(titles, fact.type)}”的更正申请，等待局方审批`,
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={fact !== null}
      title={fact ? `申请更正：${factTitle(titles, fact.type)}（${fact.on}）` : ''}
      okText="提交更正申请"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<Values>
        name="correction"
        form={form}
        layout="vertical"
        onFinish={submit}
        // The refusal was about what was entered: once the person changes it, the old message is stale.
        onValuesChange={() => setError(null)}
        initialValues={{ kind: 'date' }}
        preserve={false}
      >
        <Form.Item label="更正方式" name="kind">
          <Radio.Group
            options={[
              { value: 'date', label: '更正日期' },
              { value: 'withdraw', label: '撤回误记的事实' },
            ]}
          />
        </Form.Item>
        {kind !== 'withdraw' && (
          <Form.Item label="正确的日期" name="on" rules={[{ required: true, message: '请选择正确的日期' }]}>
            <DatePicker />
          </Form.Item>
        )}
        <Form.Item
          label="更正原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '更正须说明原因' }]}
          extra="原因记入审计日志，并写进发给相关人员的【更正】通知。"
        >
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
        {error && <Alert role="alert" type="error" showIcon title="未能提交更正申请" description={error} />}
      </Form>
    </Modal>
  );
}
