import { App, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { get } from '../../api/client';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { LightTag } from '../../components/status-tag';
import { obligationColumns, type ObligationRow } from './obligation-columns';
import { filtersOf, ObligationFilters, searchOf } from './obligation-filters';

export interface OverdueItem extends ObligationRow {
  daysOverdue: number;
}

/** Overdue obligations, oldest first, following the API's cursor page by page. */
export function OverduePage() {
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(search);
  const key = search.toString();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [pageIndex, setPageIndex] = useState(0);
  const [data, setData] = useState<{ total: number; nextCursor: string | null; items: OverdueItem[] } | null>(
    null,
  );
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const pageSize = 20;

  useEffect(() => {
    setCursors([null]);
    setPageIndex(0);
  }, [key]);

  useEffect(() => {
    setLoading(true);
    const cursor = cursors[pageIndex] ?? undefined;
    get<{ total: number; nextCursor: string | null; items: OverdueItem[] }>('/oversight/overdue', {
      ...searchOf(filtersOf(new URLSearchParams(key))),
      pageSize,
      cursor,
    })
      .then((d) => {
        setData(d);
        setError(null);
        setCursors((c) =>
          c[pageIndex + 1] === undefined && d.nextCursor ? [...c.slice(0, pageIndex + 1), d.nextCursor] : c,
        );
      }, setError)
      .finally(() => setLoading(false));
  }, [key, pageIndex, cursors]);

  return (
    <>
      <PageHeader
        title="逾期事项"
        subtitle={data ? `共 ${data.total} 项，按期限由早到晚` : undefined}
        extra={<ExportButtons path="/oversight/overdue/export" query={searchOf(filters)} name="overdue" />}
      />
      <ObligationFilters overdue value={filters} onChange={(f) => setSearch(searchOf(f))} />
      <ProblemAlert error={error} />
      <Table<OverdueItem>
        rowKey={(r) => `${r.projectId}:${r.obligation}`}
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '没有符合条件的逾期事项' }}
        pagination={{
          current: pageIndex + 1,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 项`,
          onChange: (p) => {
            if (p - 1 <= cursors.length - 1) setPageIndex(p - 1);
            else message.info('请逐页向后翻阅');
          },
        }}
        columns={obligationColumns<OverdueItem>({
          title: '逾期',
          dataIndex: 'daysOverdue',
          width: 110,
          render: (v: number) => <LightTag light="red" text={`逾期 ${v} 天`} />,
        })}
      />
    </>
  );
}
