import { Injectable } from '@nestjs/common';
import { daysBetween, findPolicy, shanghaiDateOf, STATUS_LABELS } from '../../../domain';
import { isBureau, Principal } from '../common/principal';
import { toCsv } from '../common/csv';
import { OversightRepository } from './oversight.repository';

export interface OverdueItem {
  projectId: string;
  projectName: string;
  departmentId: string;
  policyId: string;
  regulation: string;
  obligation: string;
  title: string;
  dueOn: string;
  daysOverdue: number;
  article: string;
}

@Injectable()
export class OversightService {
  constructor(private readonly repository: OversightRepository) {}

  /** Every overdue obligation the caller may see, oldest first. */
  async overdue(principal: Principal): Promise<{ asOf: string; items: OverdueItem[] }> {
    const rows = await this.repository.overdue(isBureau(principal) ? null : principal.departmentId);
    const today = shanghaiDateOf(Date.now());
    const items = rows.map((r) => ({
      projectId: r.project_id,
      projectName: r.name,
      departmentId: r.department_id,
      policyId: r.policy_id,
      regulation: findPolicy(r.policy_id)?.name ?? r.policy_id,
      obligation: r.key,
      title: r.title,
      dueOn: r.due_on,
      daysOverdue: daysBetween(r.due_on, today),
      article: r.basis,
    }));
    return { asOf: today, items };
  }

  overdueCsv(items: OverdueItem[]): string {
    return toCsv(
      [
        { key: 'departmentId', label: '部门' },
        { key: 'projectName', label: '项目' },
        { key: 'regulation', label: '办法' },
        { key: 'title', label: '事项' },
        { key: 'dueOn', label: '期限' },
        { key: 'daysOverdue', label: '逾期天数' },
        { key: 'article', label: '依据' },
        { key: 'projectId', label: '项目编号' },
      ],
      items as unknown as Record<string, unknown>[],
    );
  }

  /** Obligation counts per department and status. */
  async summary(principal: Principal) {
    const rows = await this.repository.summary(isBureau(principal) ? null : principal.departmentId);
    const items = rows.map((r) => ({
      departmentId: r.department_id,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status,
      count: Number(r.count),
    }));
    return { items };
  }

  summaryCsv(items: { departmentId: string; statusLabel: string; count: number }[]): string {
    return toCsv(
      [
        { key: 'departmentId', label: '部门' },
        { key: 'statusLabel', label: '状态' },
        { key: 'count', label: '数量' },
      ],
      items,
    );
  }
}
