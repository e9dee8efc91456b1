import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { adminApi } from './admin.api';
import type { DeadLetter, Incident, Page } from './admin.types';

const CHANNELS: Record<string, string> = {
  email: '电子邮件',
  webhook: 'Webhook',
  digest: '每日汇总邮件',
  dingtalk: '钉钉群机器人',
  wecom: '企业微信群机器人',
  feishu: '飞书机器人',
  sms: '短信',
};

/** What failed past its retries: notifications that could not be delivered, and workflow steps (incidents). */
export function DeliveriesPage() {
  const [dead, setDead] = useState<Page<DeadLetter> | null>(null);
  const [incidents, setIncidents] = useState<Page<Incident> | null>(null);
  const [deadPage, setDeadPage] = useState(1);
  const [incidentPage, setIncidentPage] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reload = useCallback(() => {
    adminApi.deadLetters(deadPage, 20).then(setDead, (e) => setError(errorText(e)));
    adminApi.incidents(incidentPage, 20).then(setIncidents, (e) => setError(errorText(e)));
  }, [deadPage, incidentPage]);
  useEffect(reload, [reload]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setNotice(done);
      reload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const deadColumns: ColumnsType<DeadLetter> = [
    { title: '项目', dataIndex: 'projectName', render: (n: string | null) => n ?? '（年度计划申报提醒）' },
    { title: '部门', dataIndex: 'departmentName' },
    { title: '渠道', dataIndex: 'channel', render: (c: string) => CHANNELS[c] ?? c },
    { title: '接收方', dataIndex: 'recipient', ellipsis: true },
    { title: '失败原因', dataIndex: 'lastError' },
    { title: '尝试次数', dataIndex: 'attempts', width: 90 },
    { title: '放弃时间', dataIndex: 'deadAt', render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'retry',
      render: (_: unknown, d) => (
        <Button
          size="small"
          onClick={() =>
            void act(() => adminApi.retryNotification(d.notificationId), '已重新排队投递，稍后由投递程序发送')
          }
        >
          重新投递
        </Button>
      ),
    },
  ];
  const incidentColumns: ColumnsType<Incident> = [
    { title: '项目', dataIndex: 'subject' },
    { title: '步骤', dataIndex: 'stepTitle' },
    { title: '错误', dataIndex: 'error' },
    { title: '尝试次数', dataIndex: 'attempts', width: 90 },
    { title: '发生时间', dataIndex: 'openedAt', render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'retry',
      render: (_: unknown, i) => (
        <Button size="small" onClick={() => void act(() => adminApi.retryIncident(i.id), '已重新执行该步骤')}>
          重试
        </Button>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon closable message={error} onClose={() => setError(null)} />}
      {notice && <Alert type="success" showIcon closable message={notice} onClose={() => setNotice(null)} />}
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            投递失败的通知
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">
          多次重试仍未送达的提醒和督办通知。请先排除原因（如部门 Webhook
          地址或邮箱有误、对方系统故障），再重新投递。
        </Typography.Paragraph>
        <Table
          rowKey="id"
          columns={deadColumns}
          dataSource={dead?.items ?? []}
          scroll={{ x: true }}
          locale={{ emptyText: '没有投递失败的通知' }}
          pagination={{
            current: deadPage,
            pageSize: 20,
            total: dead?.total ?? 0,
            onChange: setDeadPage,
            showSizeChanger: false,
          }}
        />
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            流程故障
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">
          重试用尽仍失败的流程步骤；排除原因后点“重试”再执行一次，再失败会重新记录。
        </Typography.Paragraph>
        <Table
          rowKey="id"
          columns={incidentColumns}
          dataSource={incidents?.items ?? []}
          scroll={{ x: true }}
          locale={{ emptyText: '没有待处理的流程故障' }}
          pagination={{
            current: incidentPage,
            pageSize: 20,
            total: incidents?.total ?? 0,
            onChange: setIncidentPage,
            showSizeChanger: false,
          }}
        />
      </Card>
    </Space>
  );
}
