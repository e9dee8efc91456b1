import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { recordableFacts } from './project-actions';
import { projectsApi } from './projects.api';
import type { ProjectDetail } from './projects.types';
import { errorText } from '../../api/client';

interface Values {
  type: string;
  on: Dayjs;
  year?: number;
  obligation?: string;
  until?: Dayjs;
  reason?: string;
}

/**
 * Records one fact. A fact the regulation refuses is answered in place with its reason and article,
 * and nothing is recorded.
 */
export function RecordFactForm({
  project,
  onRecorded,
}: {
  project: ProjectDetail;
  onRecorded: (message: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch('type', form);
  const facts = recordableFacts(project);
  const obligations = project.obligations;

  const submit = async (v: Values) => {
    setSaving(true);
    setRefusal(null);
    try {
      await projectsApi.recordFact(
        project.id,
        {
          type: v.type,
          on: v.on.format('YYYY-MM-DD'),
          ...(v.year ? { year: v.year } : {}),
          ...(v.obligation ? { obligation: v.obligation } : {}),
          ...(v.until ? { until: v.until.format('YYYY-MM-DD') } : {}),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        },
        crypto.randomUUID(),
      );
      form.resetFields();
      onRecorded(
        `已登记“${facts.find((f) => f.type === v.type)?.title ?? v.type}”（${v.on.format('YYYY-MM-DD')}）`,
      );
    } catch (e) {
      setRefusal(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      name="record-fact"
      form={form}
      layout="vertical"
      onFinish={submit}
      onValuesChange={() => setRefusal(null)}
      aria-label="登记事实"
    >
      <Space size="middle" wrap align="start">
        <Form.Item label="事项" name="type" rules={[{ required: true, message: '请选择要登记的事项' }]}>
          <Select
            style={{ width: 240 }}
            showSearch
            optionFilterProp="label"
            placeholder="选择事项"
            options={facts.map((f) => ({ value: f.type, label: f.title }))}
          />
        </Form.Item>
        <Form.Item label="发生日期" name="on" rules={[{ required: true, message: '请选择事实发生的日期' }]}>
          <DatePicker placeholder="选择日期" />
        </Form.Item>
        {type === 'annual-report.submitted' && (
          <Form.Item
            label="报告所属年度"
            name="year"
            rules={[{ required: true, message: '请填写报告所属年度' }]}
          >
            <InputNumber min={2004} max={2099} precision={0} />
          </Form.Item>
        )}
        {type === 'extension.granted' && (
          <>
            <Form.Item
              label="延期的事项"
              name="obligation"
              rules={[{ required: true, message: '请选择要延期的事项' }]}
            >
              <Select
                style={{ width: 240 }}
                options={obligations
                  .filter((o) => o.dueOn && o.status !== 'met' && o.status !== 'met-late')
                  .map((o) => ({ value: o.key, label: `${o.title}（截止 ${o.dueOn}）` }))}
              />
            </Form.Item>
            <Form.Item
              label="延期至"
              name="until"
              rules={[{ required: true, message: '请选择延期后的截止日期' }]}
            >
              <DatePicker />
            </Form.Item>
          </>
        )}
        <Form.Item label="说明（可选）" name="reason">
          <Input style={{ width: 240 }} maxLength={500} />
        </Form.Item>
      </Space>
      {refusal && (
        <Alert
          role="alert"
          type="error"
          showIcon
          title="未登记：该事实不被办法接受"
          description={refusal}
          style={{ marginBottom: 12 }}
          data-testid="fact-refusal"
        />
      )}
      <Button type="primary" htmlType="submit" loading={saving}>
        登记事实
      </Button>
    </Form>
  );
}
