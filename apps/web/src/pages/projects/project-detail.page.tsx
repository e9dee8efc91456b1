import { Alert, Breadcrumb, Card, Descriptions, List, Space, Spin, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { AuditTrail } from './audit-trail';
import { ChangeRequestForm, CHANGE_PATHS } from './change-request.form';
import { CorrectionModal } from './correction.modal';
import { FactsTable } from './facts.table';
import { FeedSubscribe } from './feed-subscribe';
import { ObligationTimeline } from './obligation-timeline';
import { allowedActions, factTitle, projectStatusTitle } from './project-actions';
import { projectsApi } from './projects.api';
import type { Fact, ProjectDetail } from './projects.types';
import { RecordFactForm } from './record-fact.form';

declare function useSession(): { role: 'department' | 'operator' | 'admin'; departmentId: string | null };
declare function problemText(error: unknown): string;

const yuan = (n: number | undefined) =>
  n === undefined ? '—' : `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
const shanghaiToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** One project: its obligations on a timeline with their explanations, facts, requirements, trail, actions. */
export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const [project, setProject] = useState<ProjectDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [correcting, setCorrecting] = useState<Fact | null>(null);
  const [toast, toastHolder] = message.useMessage();

  const load = useCallback(() => {
    projectsApi.detail(id).then(
      (p) => {
        setProject(p);
        setError(null);
      },
      (e) => setError(problemText(e)),
    );
  }, [id]);
  useEffect(load, [load, version]);
  const changed = (text?: string) => {
    if (text) void toast.success(text);
    setVersion((v) => v + 1);
  };

  if (error && !project) return <Alert type="error" showIcon title="无法打开项目" description={error} />;
  if (!project) return <Spin tip="正在加载项目…" />;

  const today = shanghaiToday();
  const may = allowedActions(session.role, project);
  const notInForce = project.flags.find((f) => f.code === 'policy-not-in-force');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {toastHolder}
      <Breadcrumb items={[{ title: <Link to="/projects">项目清单</Link> }, { title: project.name }]} />
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {project.name}
          </Typography.Title>
        }
        extra={<Tag>{projectStatusTitle(project.status)}</Tag>}
      >
        {notInForce && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="登记时适用办法不在施行期内" description={notInForce.message} />
        )}
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="项目编号">{project.code ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="部门">{project.departmentName}</Descriptions.Item>
          <Descriptions.Item label="适用办法">{project.policy?.name ?? project.policyId}</Descriptions.Item>
          <Descriptions.Item label="计划年度">{project.attributes.planYear}</Descriptions.Item>
          <Descriptions.Item label="总投资">{yuan(project.attributes.investment)}</Descriptions.Item>
          <Descriptions.Item label="软件开发费">{yuan(project.attributes.softwareDevelopment)}</Descriptions.Item>
          <Descriptions.Item label="登记日期">{project.attributes.registeredOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="最近截止日期">{project.nextDueOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="逾期事项">{project.overdueCount > 0 ? `${project.overdueCount} 项` : '无'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={<h3 className="dk-card-title">期限时间轴</h3>}>
        <Typography.Paragraph type="secondary">展开每个事项，可查看日期的计算依据：起算事实、计入的工作日、跳过的节假日、顺延和条款。</Typography.Paragraph>
        <ObligationTimeline obligations={project.obligations} facts={project.facts} today={today} />
      </Card>

      {may.recordFact && (
        <Card title={<h3 className="dk-card-title">登记事实</h3>}>
          <RecordFactForm projectId={project.id} role={session.role} obligations={project.obligations} onRecorded={changed} />
        </Card>
      )}

      <Card title={<h3 className="dk-card-title">已登记的事实</h3>}>
        <FactsTable facts={project.facts} onCorrect={may.requestCorrection ? setCorrecting : null} />
        {project.withdrawnFacts.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            已撤回：
            {project.withdrawnFacts
              .map((w) => `${factTitle(String(w.original.type))}（${String(w.original.on)}）`)
              .join('、')}
          </Typography.Paragraph>
        )}
      </Card>

      <Card title={<h3 className="dk-card-title">要求与变更</h3>}>
        <List
          header={<strong>办法对本项目的要求</strong>}
          dataSource={project.requirements}
          locale={{ emptyText: '没有额外要求' }}
          renderItem={(r) => (
            <List.Item>
              {r.title}
              <Tag style={{ marginLeft: 8 }}>{r.basis}</Tag>
            </List.Item>
          )}
        />
        <List
          header={<strong>变更申请及其路径</strong>}
          dataSource={project.changes}
          locale={{ emptyText: '尚无变更申请' }}
          renderItem={(c) => (
            <List.Item>
              第 {c.event + 1} 条事实：{CHANGE_PATHS[c.path] ?? c.path}——{c.reason}
              <Tag style={{ marginLeft: 8 }}>{c.basis}</Tag>
            </List.Item>
          )}
        />
        {may.requestChange && (
          <>
            <Typography.Title level={4} style={{ fontSize: 16 }}>
              申请变更
            </Typography.Title>
            <ChangeRequestForm projectId={project.id} onRequested={() => changed('已提交变更申请')} />
          </>
        )}
      </Card>

      {may.subscribeFeed && (
        <Card title={<h3 className="dk-card-title">订阅期限日历</h3>}>
          <FeedSubscribe departmentId={project.departmentId} ownDepartment={session.role === 'department'} />
        </Card>
      )}

      <Card title={<h3 className="dk-card-title">审计记录</h3>}>
        <AuditTrail projectId={project.id} version={version} />
      </Card>

      <CorrectionModal
        projectId={project.id}
        fact={correcting}
        onClose={() => setCorrecting(null)}
        onRequested={(text) => {
          setCorrecting(null);
          changed(text);
        }}
      />
    </Space>
  );
}
