import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { Gauge } from 'prom-client';
import { retryIncidentUpdate } from '../../../workflows/messages';
import { AuditService } from '../audit/audit.service';
import { actorOf, type Principal } from '../common/principal';
import { registry } from '../metrics/metrics';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';
import { IncidentsRepository } from './incidents.repository';
import { localized } from '../common/localized.exception';

/** What each step is, for the person reading the list. */
export const STEP_TITLES: Record<string, string> = {
  registration: '登记后首次计算期限',
  'wake-up': '定时提醒与期限更新',
  calendar: '节假日安排变化后重新计算',
  projection: '更新项目视图',
  'plan-cycle': '年度计划申报周期',
};

/** Open incidents by step, counted when Prometheus scrapes. */
function openIncidentsGauge(incidents: IncidentsRepository): Gauge {
  const name = 'deadline_keeper_open_incidents';
  const existing = registry.getSingleMetric(name) as Gauge | undefined;
  if (existing) return existing;
  return new Gauge({
    name,
    help: 'Workflow steps that failed past their retries and wait for an administrator, by step',
    labelNames: ['step'],
    registers: [registry],
    // Without the database the counts keep their last values (deadline_keeper_read_model_up is 0).
    async collect() {
      const rows = await incidents.countByStep().catch(() => undefined);
      if (!rows) return;
      this.reset();
      for (const step of Object.keys(STEP_TITLES)) this.set({ step }, 0);
      for (const r of rows) this.set({ step: r.step }, r.count);
    },
  });
}

@Injectable()
export class IncidentsService {
  constructor(
    private readonly repository: IncidentsRepository,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly audit: AuditService,
  ) {
    openIncidentsGauge(repository);
  }

  async list(page: number, pageSize: number) {
    const [rows, total] = await this.repository.open(page, pageSize);
    return {
      page,
      pageSize,
      total,
      items: rows.map((r) => ({
        id: r.id,
        projectId: r.projectId,
        subject: r.subject,
        departmentId: r.departmentId,
        step: r.step,
        stepTitle: STEP_TITLES[r.step] ?? r.step,
        errorType: r.errorType,
        error: r.error,
        attempts: r.attempts,
        openedAt: r.openedAt.toISOString(),
        workflowId: r.workflowId,
      })),
    };
  }

  /** Runs the incident's step again in its workflow, once whoever fixed the cause says so; audited. */
  async retry(principal: Principal, id: string) {
    const incident = await this.repository.findOpen(id);
    if (!incident)
      throw localized(
        404,
        `没有编号为 ${id} 的待处理故障，请核对（GET /oversight/incidents 可列出）`,
        `no open incident ${id}`,
      );
    const refused = async (reason: string, english: string) => {
      await this.audit.append({
        actorId: principal.id,
        actorRole: principal.role,
        action: 'incident.retry-refused',
        projectId: incident.projectId,
        details: { incidentId: id, reason },
      });
      return localized(409, reason, english);
    };
    try {
      await this.temporal.workflow
        .getHandle(incident.workflowId)
        .executeUpdate(retryIncidentUpdate, { args: [{ actor: actorOf(principal), incidentId: id }] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const reason = error.cause?.message ?? error.message;
        // The workflow words its refusal in Chinese; its type says which one it is.
        const type = (error.cause as { type?: string } | undefined)?.type;
        throw await refused(
          reason,
          type === 'NoSuchIncident'
            ? `the project has no open incident ${id} (it may have been retried or resolved already)`
            : reason,
        );
      }
      if (error instanceof WorkflowNotFoundError) {
        throw await refused(
          `故障 ${id} 所属的流程已不在运行，无法重试`,
          `the workflow of incident ${id} no longer runs: it cannot be retried`,
        );
      }
      throw error;
    }
    await this.repository.resolve(id, principal.id, {
      actorId: principal.id,
      actorRole: principal.role,
      action: 'incident.retried',
      projectId: incident.projectId,
      details: { incidentId: id, step: incident.step, error: incident.error },
    });
    return { id, step: incident.step, retried: true };
  }
}
