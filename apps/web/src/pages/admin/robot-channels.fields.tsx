import { Form, Input, Select, Switch, Typography } from 'antd';
import type { Channels } from './admin.types';

/** The form's robot and SMS fields; URLs and secrets stay empty unless the person types a new one. */
export interface RobotForm {
  dingtalkUrl: string;
  dingtalkSecret: string;
  dingtalkAtMobiles: string;
  dingtalkEnabled: boolean;
  wecomUrl: string;
  wecomMentionedMobiles: string;
  wecomEnabled: boolean;
  feishuUrl: string;
  feishuSecret: string;
  feishuEnabled: boolean;
  smsProvider: 'aliyun' | 'tencent' | null;
  smsRecipients: string;
  smsEnabled: boolean;
}

const list = (text: string) => text.split(/[\s,，;；]+/).filter(Boolean);

export function robotFormOf(c: Channels): RobotForm {
  return {
    dingtalkUrl: '',
    dingtalkSecret: '',
    dingtalkAtMobiles: c.dingtalkAtMobiles.join('\n'),
    dingtalkEnabled: c.dingtalkEnabled,
    wecomUrl: '',
    wecomMentionedMobiles: c.wecomMentionedMobiles.join('\n'),
    wecomEnabled: c.wecomEnabled,
    feishuUrl: '',
    feishuSecret: '',
    feishuEnabled: c.feishuEnabled,
    smsProvider: c.smsProvider,
    smsRecipients: c.smsRecipients.join('\n'),
    smsEnabled: c.smsEnabled,
  };
}

/** Only what the person typed is sent: a blank URL or secret keeps the stored one. */
export function robotBodyOf(v: RobotForm) {
  const typed = (name: string, value: string) => (value.trim() ? { [name]: value.trim() } : {});
  return {
    ...typed('dingtalkUrl', v.dingtalkUrl),
    ...typed('dingtalkSecret', v.dingtalkSecret),
    dingtalkAtMobiles: list(v.dingtalkAtMobiles),
    dingtalkEnabled: v.dingtalkEnabled,
    ...typed('wecomUrl', v.wecomUrl),
    wecomMentionedMobiles: list(v.wecomMentionedMobiles),
    wecomEnabled: v.wecomEnabled,
    ...typed('feishuUrl', v.feishuUrl),
    ...typed('feishuSecret', v.feishuSecret),
    feishuEnabled: v.feishuEnabled,
    ...(v.smsProvider ? { smsProvider: v.smsProvider } : {}),
    smsRecipients: list(v.smsRecipients),
    smsEnabled: v.smsEnabled,
  };
}

const urlHelp = (masked: string | null) =>
  masked ? `已设置：${masked}（含密钥部分不显示）；留空则保持不变，填写则替换` : '尚未设置';
const secretHelp = (set: boolean) => (set ? '已设置密钥（不显示）；留空则保持不变，填写则替换' : '尚未设置');

export function RobotChannelsFields({ channels }: { channels: Channels }) {
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        钉钉群机器人
      </Typography.Title>
      <Form.Item name="dingtalkUrl" label="钉钉机器人 Webhook 地址" extra={urlHelp(channels.dingtalkUrl)}>
        <Input placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="dingtalkSecret"
        label="钉钉加签密钥（SEC 开头）"
        extra={secretHelp(channels.dingtalkSecretSet)}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="dingtalkAtMobiles" label="消息中 @ 的负责人手机号（每行一个）">
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="dingtalkEnabled" label="启用钉钉机器人" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        企业微信群机器人
      </Typography.Title>
      <Form.Item name="wecomUrl" label="企业微信机器人 Webhook 地址" extra={urlHelp(channels.wecomUrl)}>
        <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" autoComplete="off" />
      </Form.Item>
      <Form.Item name="wecomMentionedMobiles" label="消息中 @ 的手机号（每行一个；填写后以文本消息发送）">
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="wecomEnabled" label="启用企业微信机器人" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        飞书自定义机器人
      </Typography.Title>
      <Form.Item name="feishuUrl" label="飞书机器人 Webhook 地址" extra={urlHelp(channels.feishuUrl)}>
        <Input placeholder="https://open.feishu.cn/open-apis/bot/v2/hook/…" autoComplete="off" />
      </Form.Item>
      <Form.Item name="feishuSecret" label="飞书签名校验密钥" extra={secretHelp(channels.feishuSecretSet)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="feishuEnabled" label="启用飞书机器人" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        短信
      </Typography.Title>
      <Form.Item name="smsProvider" label="短信服务商">
        <Select
          allowClear
          placeholder="选择服务商"
          options={[
            { value: 'aliyun', label: '阿里云短信' },
            { value: 'tencent', label: '腾讯云短信' },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="smsRecipients"
        label="另外接收短信的手机号（每行一个）"
        extra={
          `部门联系人中的手机号也会收到：${channels.smsContacts.join('、') || '（无）'}；` +
          `逾期升级到部门负责人后另发：${channels.smsHeads.join('、') || '（无）'}。每人每事项每天至多一条。`
        }
      >
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="smsEnabled" label="启用短信" valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}
