import { Alert, Table } from 'antd';
import { useEffect, useState } from 'react';
import { projectsApi } from './projects.api';
import type { AuditItem, Page } from './projects.types';
import { errorText } from '../../api/client';
import { formatDateTime } from '../../components/format';

const PAGE_SIZE = 10;

/** The project's audit trail, newest first, from GET /projects/:id/audit; `version` reloads it. */
export function AuditTrail({ projectId, version }: { projectId: string; version: number }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<AuditItem> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    projectsApi
      .audit(projectId, page, PAGE_SIZE)
      .then((d) => live && (setData(d), setError(null)))
      .catch((e) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [projectId, page, version]);

  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Table<AuditItem>
      rowKey="id"
      size="small"
      dataSource={data?.items ?? []}
      loading={data === null}
      columns={[
        { title: '时间', dataIndex: 'at', width: 180, render: (at: string) => formatDateTime(at) },
        { title: '操作', dataIndex: 'actionTitle', width: 200 },
        { title: '内容', dataIndex: 'summary' },
        {
          title: '操作人',
          dataIndex: 'actorName',
          width: 220,
          render: (name: string, a) => `${name}（${a.actorRoleTitle}）`,
        },
      ]}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: data?.total ?? 0,
        showSizeChanger: false,
        showTotal: (total) => `共 ${total} 条`,
        onChange: setPage,
      }}
      locale={{ emptyText: '暂无审计记录' }}
    />
  );
}
