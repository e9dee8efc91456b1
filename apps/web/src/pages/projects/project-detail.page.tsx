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
import { errorText } from '../../api/client';
import { useSession } from '../../auth/use-session';
import { PageHeader } from '../../components/page-header';
import { shanghaiToday } from '../../components/format';

const yuan = (n: number | undefined) =>
  n === undefined ? '—' : `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

/** One project: its obligations on a timeline with their explanations, facts, requirements, trail, actions. */
export function ProjectDetailPage() {
  const { id = '' } = useParams();
  // The page sits behind the console's sign-in; the server decides again on every call.
  const role = useSession()?.user.role ?? 'department';
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
      (e) => setError(errorText(e)),
    );
  }, [id]);
  useEffect(load, [load, version]);
  const changed = (text?: string) => {
    if (text) void toast.success(text);
    setVersion((v) => v + 1);
  };

  if (error && !project) return <Alert type="error" showIcon title="无法打开项目" description={error} />;
  if (!project)
    return (
      <Space>
        <Spin /> 正在加载项目…
      </Space>
    );

  const today = shanghaiToday();
  const may = allowedActions(role, project);
  const notInForce = project.flags.find((f) => f.code === 'policy-not-in-force');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {toastHolder}
      <Breadcrumb items={[{ title: <Link to="/projects">项目清单</Link> }, { title: project.name }]} />
      <PageHeader
        title={project.name}
        subtitle={`${project.departmentName} · ${project.policy?.name ?? project.policyId}`}
        extra={<Tag>{projectStatusTitle(project.status)}</Tag>}
      />
      <Card title={<h2 className="dk-card-title">项目信息</h2>}>
        {notInForce && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="登记时适用办法不在施行期内"
            description={notInForce.message}
          />
        )}
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="项目编号">{project.code ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="部门">{project.departmentName}</Descriptions.Item>
          <Descriptions.Item label="适用办法">{project.policy?.name ?? project.policyId}</Descriptions.Item>
          <Descriptions.Item label="计划年度">{project.attributes.planYear}</Descriptions.Item>
          <Descriptions.Item label="总投资">{yuan(project.attributes.investment)}</Descriptions.Item>
          <Descriptions.Item label="软件开发费">
            {yuan(project.attributes.softwareDevelopment)}
          </Descriptions.Item>
          <Descriptions.Item label="登记日期">{project.attributes.registeredOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="最近截止日期">{project.nextDueOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="逾期事项">
            {project.overdueCount > 0 ? `${project.overdueCount} 项` : '无'}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={<h2 className="dk-card-title">期限时间轴</h2>}>
        <Typography.Paragraph type="secondary">
          展开每个事项，可查看日期的计算依据：起算事实、计入的工作日、跳过的节假日、顺延和条款。
        </Typography.Paragraph>
        <ObligationTimeline
          obligations={project.obligations}
          facts={project.facts}
          today={today}
          titles={project.factTitles}
        />
      </Card>

      {may.recordFact && (
        <Card title={<h2 className="dk-card-title">登记事实</h2>}>
          <RecordFactForm project={project} onRecorded={changed} />
        </Card>
      )}

      <Card title={<h2 className="dk-card-title">已登记的事实</h2>}>
        <FactsTable
          facts={project.facts}
          titles={project.factTitles}
          onCorrect={may.requestCorrection ? setCorrecting : null}
        />
        {project.withdrawnFacts.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            已撤回：
            {project.withdrawnFacts
              .map(
                (w) =>
                  `${factTitle(project.factTitles, String(w.original.type))}（${String(w.original.on)}）`,
              )
              .join('、')}
          </Typography.Paragraph>
        )}
      </Card>

      <Card title={<h2 className="dk-card-title">要求与变更</h2>}>
        <List
          header={<strong>办法对本项目的要求</strong>}
          dataSource={project.requirements}
          locale={{ emptyText: '没有额外要求' }}
          renderItem={(r) => (
            <List.Item>
              {r.title}
              <Tag style={{ marginLeft: 8 }}>{r.basisText}</Tag>
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
              <Tag style={{ marginLeft: 8 }}>{c.basisText}</Tag>
            </List.Item>
          )}
        />
        {may.requestChange && (
          <>
            <h3 className="dk-subtitle">申请变更</h3>
            <ChangeRequestForm projectId={project.id} onRequested={() => changed('已提交变更申请')} />
          </>
        )}
      </Card>

      {may.subscribeFeed && (
        <Card title={<h2 className="dk-card-title">订阅期限日历</h2>}>
          <FeedSubscribe departmentId={project.departmentId} ownDepartment={role === 'department'} />
        </Card>
      )}

      <Card title={<h2 className="dk-card-title">审计记录</h2>}>
        <AuditTrail projectId={project.id} version={version} />
      </Card>

      <CorrectionModal
        projectId={project.id}
        fact={correcting}
        titles={project.factTitles}
        onClose={() => setCorrecting(null)}
        onRequested={(text) => {
          setCorrecting(null);
          changed(text);
        }}
      />
    </Space>
  );
}
