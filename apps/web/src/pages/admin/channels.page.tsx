import { Alert, Button, Card, Form, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorText } from '../../api/client';
import { adminApi } from './admin.api';
import type { AllowList, Channels, Department } from './admin.types';
import { robotBodyOf, RobotChannelsFields, robotFormOf, type RobotForm } from './robot-channels.fields';

interface ChannelForm extends RobotForm {
  emails: string;
  emailEnabled: boolean;
  webhookUrl: string;
  webhookSecret: string;
  webhookEnabled: boolean;
}

/**
 * The allow-list for webhooks and robots, and where each department's reminders go: e-mail, webhook,
 * DingTalk, WeCom, Feishu, SMS. Secrets and robot URLs are set, never shown.
 */
export function ChannelsPage() {
  const [allow, setAllow] = useState<AllowList | null>(null);
  const [allowText, setAllowText] = useState('');
  const [departments, setDepartments] = useState<Department[]>([]);
  const [department, setDepartment] = useState<string | null>(null);
  const [channels, setChannels] = useState<Channels | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [form] = Form.useForm<ChannelForm>();

  useEffect(() => {
    adminApi.allowList().then(
      (a) => (setAllow(a), setAllowText(a.entries.join('\n'))),
      (e) => setError(errorText(e)),
    );
    adminApi.departments().then(
      (d) => setDepartments(d.items),
      (e) => setError(errorText(e)),
    );
  }, []);

  const show = (c: Channels) => {
    setChannels(c);
    form.setFieldsValue({
      emails: c.emails.join('\n'),
      emailEnabled: c.emailEnabled,
      webhookUrl: c.webhookUrl ?? '',
      webhookSecret: '',
      webhookEnabled: c.webhookEnabled,
      ...robotFormOf(c),
    });
  };

  useEffect(() => {
    if (department) adminApi.channels(department).then(show, (e) => setError(errorText(e)));
  }, [department]);

  const saveAllow = async () => {
    try {
      const next = await adminApi.setAllowList(allowText.split(/\s+/).filter(Boolean));
      setAllow(next);
      setAllowText(next.entries.join('\n'));
      setNotice('已保存 Webhook 内网白名单');
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const saveChannels = async () => {
    if (!department) return;
    const v = form.getFieldsValue();
    try {
      const saved = await adminApi.setChannels(department, {
        emails: v.emails.split(/[\s,，;；]+/).filter(Boolean),
        emailEnabled: v.emailEnabled,
        ...(v.webhookUrl ? { webhookUrl: v.webhookUrl } : {}),
        ...(v.webhookSecret ? { webhookSecret: v.webhookSecret } : {}),
        webhookEnabled: v.webhookEnabled,
        ...robotBodyOf(v),
      });
      show(saved);
      setNotice('已保存该部门的通知渠道');
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon closable message={error} onClose={() => setError(null)} />}
      {notice && <Alert type="success" showIcon closable message={notice} onClose={() => setNotice(null)} />}
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            Webhook 内网白名单
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">
          部门 Webhook 和钉钉、企业微信、飞书机器人默认不能指向内网地址。在此列出允许的内网 OA
          主机、主机:端口、地址或网段（每行一项），如 oa.intranet.gov.cn、10.20.0.0/16。
        </Typography.Paragraph>
        {allow && allow.fromConfiguration.length > 0 && (
          <Typography.Paragraph>
            服务器配置（WEBHOOK_ALLOW）中已允许：
            {allow.fromConfiguration.map((e) => (
              <Tag key={e} color="#595959">
                {e}
              </Tag>
            ))}
          </Typography.Paragraph>
        )}
        <Input.TextArea
          aria-label="白名单（每行一项）"
          rows={4}
          value={allowText}
          onChange={(e) => setAllowText(e.target.value)}
        />
        <Button type="primary" onClick={() => void saveAllow()} style={{ marginTop: 12 }}>
          保存白名单
        </Button>
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            部门通知渠道
          </Typography.Title>
        }
      >
        <Select
          aria-label="选择部门"
          placeholder="选择部门"
          style={{ width: 360, marginBottom: 16 }}
          showSearch
          optionFilterProp="label"
          value={department}
          onChange={setDepartment}
          options={departments.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
        />
        {channels && (
          <Form form={form} layout="vertical" name="channels" style={{ maxWidth: 640 }}>
            <Form.Item name="emails" label="接收提醒的电子邮箱（每行一个）">
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="emailEnabled" label="发送电子邮件" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="webhookUrl" label="Webhook 地址">
              <Input placeholder="https://oa.example.gov.cn/hooks/deadlines" />
            </Form.Item>
            <Form.Item
              name="webhookSecret"
              label="签名密钥"
              extra={
                channels.webhookSecretSet
                  ? '已设置密钥（不显示）；留空则保持不变，填写则替换'
                  : '尚未设置；至少 16 个字符'
              }
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="webhookEnabled" label="启用 Webhook" valuePropName="checked">
              <Switch />
            </Form.Item>
            <RobotChannelsFields channels={channels} />
            <Button type="primary" onClick={() => void saveChannels()}>
              保存通知渠道
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}
