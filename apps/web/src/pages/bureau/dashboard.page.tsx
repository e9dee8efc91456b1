import { Button, Card, Col, Row, Space, Statistic, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { get } from '../../api/client';
import { DepartmentName } from '../../components/department-name';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { LightTag } from '../../components/status-tag';
import { TrendChart } from '../../components/trend-chart';

interface DepartmentLights {
  departmentId: string;
  departmentName: string;
  red: number;
  yellow: number;
  green: number;
}
interface RegulationLights {
  policyId: string;
  jurisdiction: string;
  regulation: string;
  red: number;
  yellow: number;
  green: number;
}
interface Summary {
  asOf: string;
  yellowDays: number;
  departments: DepartmentLights[];
  /** Every regulation's totals, in the same answer as the departments'. */
  regulations: RegulationLights[];
}
interface Incident {
  id: string;
  projectId: string;
  subject?: string;
  stepTitle?: string;
  step?: string;
  error?: string;
  openedAt?: string;
}

const sum = (rows: DepartmentLights[], k: 'red' | 'yellow' | 'green') => rows.reduce((n, r) => n + r[k], 0);

/** The bureau's overview: lights per department and per regulation, the overdue trend, incidents. */
export function DashboardPage() {
  const navigate = useNavigate();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [points, setPoints] = useState<{ date: string; overdue: number }[]>([]);
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    get<Summary>('/oversight/summary').then(setSummary, setError);
    get<{ points: { date: string; overdue: number }[] }>('/oversight/overdue-history', { days: 90 }).then(
      (h) => setPoints(h.points),
      setError,
    );
    get<{ items: Incident[] }>('/oversight/incidents', { pageSize: 20 }).then(
      (i) => setIncidents(i.items),
      () => setIncidents([]),
    );
  }, []);

  const rows = summary?.departments ?? [];
  return (
    <>
      <PageHeader
        title="监管总览"
        subtitle={summary ? `截至 ${summary.asOf}，黄灯为 ${summary.yellowDays} 个工作日内到期` : undefined}
      />
      <ProblemAlert error={error} />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Card>
            <Statistic
              title="已逾期（红灯）"
              value={sum(rows, 'red')}
              styles={{ content: { color: '#cf1322' } }}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic
              title="即将到期（黄灯）"
              value={sum(rows, 'yellow')}
              styles={{ content: { color: '#ad6800' } }}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic
              title="正常（绿灯）"
              value={sum(rows, 'green')}
              styles={{ content: { color: '#237804' } }}
            />
          </Card>
        </Col>
      </Row>
      <Card title="各部门红黄绿灯" style={{ marginBottom: 16 }}>
        <Table<DepartmentLights>
          rowKey="departmentId"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: '部门',
              dataIndex: 'departmentName',
              render: (_, r) => <DepartmentName id={r.departmentId} name={r.departmentName} />,
            },
            {
              title: '已逾期',
              dataIndex: 'red',
              render: (v: number, r) => (
                <Button
                  type="link"
                  size="small"
                  onClick={() => navigate(`/overdue?department=${encodeURIComponent(r.departmentId)}`)}
                >
                  <LightTag light="red" text={`${v} 项逾期`} />
                </Button>
              ),
            },
            {
              title: '即将到期',
              dataIndex: 'yellow',
              render: (v: number, r) => (
                <Button
                  type="link"
                  size="small"
                  onClick={() => navigate(`/due-soon?department=${encodeURIComponent(r.departmentId)}`)}
                >
                  <LightTag light="yellow" text={`${v} 项临期`} />
                </Button>
              ),
            },
            {
              title: '正常',
              dataIndex: 'green',
              render: (v: number) => <LightTag light="green" text={`${v} 项正常`} />,
            },
          ]}
        />
      </Card>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={14}>
          <Card title="近 90 天逾期事项趋势">
            <TrendChart points={points} />
          </Card>
        </Col>
        <Col span={10}>
          <Card title="按办法统计">
            <Table<RegulationLights>
              rowKey="policyId"
              size="small"
              pagination={false}
              dataSource={summary?.regulations ?? []}
              columns={[
                {
                  title: '办法',
                  dataIndex: 'jurisdiction',
                  render: (v: string, r) => <span title={r.regulation}>{v}</span>,
                },
                {
                  title: '已逾期',
                  dataIndex: 'red',
                  render: (v: number, r) => (
                    <Button
                      type="link"
                      size="small"
                      aria-label={`${r.jurisdiction}办法已逾期 ${v} 项，查看列表`}
                      onClick={() => navigate(`/overdue?regulation=${r.policyId}`)}
                    >
                      {v}
                    </Button>
                  ),
                },
                {
                  title: '即将到期',
                  dataIndex: 'yellow',
                  render: (v: number, r) => (
                    <Button
                      type="link"
                      size="small"
                      aria-label={`${r.jurisdiction}办法即将到期 ${v} 项，查看列表`}
                      onClick={() => navigate(`/due-soon?regulation=${r.policyId}`)}
                    >
                      {v}
                    </Button>
                  ),
                },
                { title: '正常', dataIndex: 'green' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title="运行异常">
        <Table<Incident>
          rowKey="id"
          size="small"
          pagination={false}
          locale={{ emptyText: '暂无运行异常' }}
          dataSource={incidents}
          columns={[
            {
              title: '项目',
              dataIndex: 'subject',
              render: (v: string | undefined, r) => (
                <Button type="link" size="small" onClick={() => navigate(`/projects/${r.projectId}`)}>
                  {v ?? r.projectId}
                </Button>
              ),
            },
            { title: '步骤', dataIndex: 'stepTitle', render: (v: string | undefined, r) => v ?? r.step },
            { title: '错误', dataIndex: 'error' },
            { title: '时间', dataIndex: 'openedAt', render: (v: string | undefined) => formatDateTime(v) },
          ]}
        />
        <Space />
      </Card>
    </>
  );
}
