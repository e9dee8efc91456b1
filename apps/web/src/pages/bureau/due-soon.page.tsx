import { Table } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { get } from '../../api/client';
import { ExportButtons } from '../../components/export-buttons';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { LightTag } from '../../components/status-tag';
import { obligationColumns, type ObligationRow } from './obligation-columns';
import { filtersOf, ObligationFilters, searchOf } from './obligation-filters';

interface DueSoonItem extends ObligationRow {
  daysLeft: number;
}

/** The list's filters from the address: days overdue mean nothing for what is not yet due. */
function dueSoonFilters(search: URLSearchParams) {
  const f = filtersOf(search);
  delete f.minDaysOverdue;
  return f;
}

/** Open obligations in the yellow window, soonest first. */
export function DueSoonPage() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(search);
  const key = search.toString();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; yellowDays: number; items: DueSoonItem[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setPage(1), [key]);
  useEffect(() => {
    get<{ total: number; yellowDays: number; items: DueSoonItem[] }>('/oversight/due-soon', {
      ...searchOf(dueSoonFilters(new URLSearchParams(key))),
      page,
      pageSize: 20,
    }).then((d) => {
      setData(d);
      setError(null);
    }, setError);
  }, [key, page]);
  return (
    <>
      <PageHeader
        title="即将到期"
        subtitle={data ? `${data.yellowDays} 个工作日内到期，共 ${data.total} 项` : undefined}
        extra={
          <ExportButtons
            path="/oversight/due-soon/export"
            query={searchOf(dueSoonFilters(search))}
            name="due-soon"
          />
        }
      />
      <ObligationFilters value={filters} onChange={(f) => setSearch(searchOf(f))} />
      <ProblemAlert error={error} />
      <Table<DueSoonItem>
        rowKey={(r) => `${r.projectId}:${r.obligation}`}
        size="small"
        dataSource={data?.items ?? []}
        locale={{ emptyText: '没有即将到期的事项' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 项`,
        }}
        columns={obligationColumns<DueSoonItem>({
          title: '剩余',
          dataIndex: 'daysLeft',
          width: 110,
          render: (v: number) => <LightTag light="yellow" text={v === 0 ? '今日到期' : `还剩 ${v} 天`} />,
        })}
      />
    </>
  );
}
