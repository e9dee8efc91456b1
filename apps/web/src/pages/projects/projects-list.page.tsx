import { Alert, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { projectStatusTitle, PROJECT_STATUS_TITLES } from './project-actions';
import { projectsApi, type ProjectFilters } from './projects.api';
import type { Page, Policy, ProjectSummary } from './projects.types';
import { useDepartments } from '../../api/departments';
import { PageHeader } from '../../components/page-header';
import { errorText } from '../../api/client';
import { useSession } from '../../auth/use-session';
import { toneOf } from './tag-tone';

const PAGE_SIZE = 20;

/** Every project the caller may see, filtered, searchable by name or 项目编号, exportable as it is filtered. */
export function ProjectsListPage() {
  // The page sits behind the console's sign-in; the server decides again on every call.
  const role = useSession()?.user.role ?? 'department';
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ProjectFilters>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<ProjectSummary> | null>(null);
  const [policies, setPolicies] = useState<Policy[]>([]);
  const departments = useDepartments();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    projectsApi.policies().then(setPolicies, (e) => setError(errorText(e)));
  }, []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    projectsApi
      .list(filters, page, PAGE_SIZE)
      .then((d) => live && (setData(d), setError(null)))
      .catch((e) => live && setError(errorText(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filters, page]);

  const policyName = (id: string) => policies.find((p) => p.id === id)?.name ?? id;
  const filter = (patch: ProjectFilters) => {
    setPage(1);
    setFilters((f) => ({ ...f, ...patch }));
  };

  const columns: ColumnsType<ProjectSummary> = [
    {
      title: '项目名称',
      dataIndex: 'name',
      render: (name: string, p) => <Link to={`/projects/${p.id}`}>{name}</Link>,
    },
    { title: '项目编号', dataIndex: 'code', render: (code: string | null) => code ?? '—' },
    { title: '部门', dataIndex: 'departmentName' },
    { title: '适用办法', dataIndex: 'policyId', render: policyName },
    {
      title: '状态',
      dataIndex: 'status',
      render: (status: string, p) => (
        <Space size={4} wrap>
          <Tag>{projectStatusTitle(status)}</Tag>
          {p.flags.some((f) => f.code === 'policy-not-in-force') && (
            <Tag color="orange" style={toneOf('orange')}>
              办法不在施行期内
            </Tag>
          )}
        </Space>
      ),
    },
    { title: '最近截止日期', dataIndex: 'nextDueOn', render: (d: string | null) => d ?? '—' },
    {
      title: '逾期事项',
      dataIndex: 'overdueCount',
      render: (n: number) =>
        n > 0 ? (
          <Tag color="red" style={toneOf('red')}>
            {n} 项逾期
          </Tag>
        ) : (
          '无'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="项目"
        subtitle={role === 'department' ? '本部门登记的项目' : '各部门登记的项目'}
        extra={
          <Button type="primary" onClick={() => navigate('/projects/new')}>
            登记项目
          </Button>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          {role !== 'department' && (
            <Select
              aria-label="按部门筛选"
              placeholder="全部部门"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              value={filters.department}
              onChange={(department?: string) => filter({ department })}
              options={departments.map((d) => ({ value: d.code, label: d.name }))}
            />
          )}
          <Select
            aria-label="按适用办法筛选"
            placeholder="全部办法"
            allowClear
            style={{ width: 260 }}
            value={filters.policy}
            onChange={(policy?: string) => filter({ policy })}
            options={policies.map((p) => ({ value: p.id, label: p.name }))}
          />
          <Select
            aria-label="按状态筛选"
            placeholder="全部状态"
            allowClear
            style={{ width: 140 }}
            value={filters.status}
            onChange={(status?: string) => filter({ status })}
            options={Object.entries(PROJECT_STATUS_TITLES).map(([value, label]) => ({ value, label }))}
          />
          <Input.Search
            aria-label="按项目名称或项目编号搜索"
            placeholder="项目名称或项目编号"
            allowClear
            style={{ width: 260 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => filter({ q: q.trim() || undefined })}
            enterButton="搜索"
          />
          <Button
            onClick={() => projectsApi.exportFile(filters, 'xlsx').catch((e) => setError(errorText(e)))}
          >
            导出 Excel
          </Button>
          <Button onClick={() => projectsApi.exportFile(filters, 'csv').catch((e) => setError(errorText(e)))}>
            导出 CSV
          </Button>
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Table<ProjectSummary>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => `共 ${total} 个项目`,
            onChange: setPage,
          }}
          locale={{ emptyText: '没有符合条件的项目' }}
        />
      </Card>
    </>
  );
}
