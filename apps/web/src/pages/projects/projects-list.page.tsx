import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { projectStatusTitle, PROJECT_STATUS_TITLES } from './project-actions';
import { projectsApi, type ProjectFilters } from './projects.api';
import type { Department, Page, Policy, ProjectSummary } from './projects.types';

declare function useSession(): { role: 'department' | 'operator' | 'admin'; departmentId: string | null };
declare function problemText(error: unknown): string;

const PAGE_SIZE = 20;

/** Every project the caller may see, filtered, searchable by name or 项目编号, exportable as it is filtered. */
export function ProjectsListPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ProjectFilters>({});
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<ProjectSummary> | null>(null);
  const [policies, setPolicies] = useState<Policy[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    projectsApi.policies().then(setPolicies, (e) => setError(problemText(e)));
    projectsApi.departments().then((d) => setDepartments(d.items), (e) => setError(problemText(e)));
  }, []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    projectsApi
      .list(filters, page, PAGE_SIZE)
      .then((d) => live && (setData(d), setError(null)))
      .catch((e) => live && setError(problemText(e)))
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
          {p.flags.some((f) => f.code === 'policy-not-in-force') && <Tag color="orange">办法不在施行期内</Tag>}
        </Space>
      ),
    },
    { title: '最近截止日期', dataIndex: 'nextDueOn', render: (d: string | null) => d ?? '—' },
    {
      title: '逾期事项',
      dataIndex: 'overdueCount',
      render: (n: number) => (n > 0 ? <Tag color="red">{n} 项逾期</Tag> : '无'),
    },
  ];

  return (
    <Card
      title={<Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>项目清单</Typography.Title>}
      extra={
        <Button type="primary" onClick={() => navigate('/projects/new')}>
          登记项目
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {session.role !== 'department' && (
          <Select
            aria-label="按部门筛选"
            placeholder="全部部门"
            allowClear
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
        <Button onClick={() => projectsApi.exportFile(filters, 'xlsx').catch((e) => setError(problemText(e)))}>
          导出 Excel
        </Button>
        <Button onClick={() => projectsApi.exportFile(filters, 'csv').catch((e) => setError(problemText(e)))}>
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
  );
}
