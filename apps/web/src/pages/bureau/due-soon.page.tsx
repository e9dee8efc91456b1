import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { download, errorText, get } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { LightTag } from '../../components/status-tag';
import { obligationColumns, type ObligationRow } from './obligation-columns';
import { filtersOf, ObligationFilters, searchOf } from './obligation-filters';

interface DueSoonItem extends ObligationRow {
  daysLeft: number;
}

/** Open obligations in the yellow window, soonest first. */
export function DueSoonPage() {
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(search);
  const key = search.toString();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; yellowDays: number; items: DueSoonItem[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setPage(1), [key]);
  useEffect(() => {
    const f = filtersOf(new URLSearchParams(key));
    delete f.minDaysOverdue;
    get<{ total: number; yellowDays: number; items: DueSoonItem[] }>('/oversight/due-soon', {
      ...searchOf(f),
      page,
      pageSize: 20,
    }).then((d) => {
      setData(d);
      setError(null);
    }, setError);
  }, [key, page]);
  const exportAs = async (kind: 'xlsx' | 'csv') => {
    const f = { ...filters };
    delete f.minDaysOverdue;
    try {
      const name = await download(`/oversight/due-soon/export.${kind}`, searchOf(f), `due-soon.${kind}`);
      message.success(`已导出 ${name}`);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      <PageHeader
        title="即将到期"
        subtitle={data ? `${data.yellowDays} 个工作日内到期，共 ${data.total} 项` : undefined}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => exportAs('xlsx')}>
              导出 Excel
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => exportAs('csv')}>
              导出 CSV
            </Button>
          </>
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
