import { Badge, Button, List, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { getInbox, inboxChanged, markRead, type InboxPage as Page, type Notice } from '../../api/inbox';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';

/** Notices, unread first; opening one marks it read and goes to its project. */
export function InboxPage() {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => getInbox(page, 20).then(setData, setError), [page]);
  useEffect(() => {
    void load();
  }, [load]);
  const open = async (n: Notice) => {
    try {
      if (!n.read) await markRead(n.id);
      inboxChanged();
      if (n.projectId) navigate(`/projects/${n.projectId}`);
      else await load();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <PageHeader title="消息" subtitle={data ? `共 ${data.total} 条，未读在前` : undefined} />
      <ProblemAlert error={error} />
      <List<Notice>
        bordered
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无消息' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        renderItem={(n) => (
          <List.Item
            actions={[
              <Button key="open" type="link" onClick={() => open(n)}>
                {n.projectId ? '查看项目' : '标为已读'}
              </Button>,
            ]}
          >
            <List.Item.Meta
              avatar={<Badge status={n.read ? 'default' : 'processing'} />}
              title={
                <Typography.Text strong={!n.read}>
                  {n.read ? null : <Tag color="blue">未读</Tag>}
                  {n.superseded ? <Tag>已失效</Tag> : null}
                  {n.message ?? '（无内容）'}
                </Typography.Text>
              }
              description={`${formatDateTime(n.writtenAt)}${n.dueOn ? ` · 期限 ${n.dueOn}` : ''}`}
            />
          </List.Item>
        )}
      />
    </>
  );
}
