import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { daysBetween, findPolicy, shanghaiDateOf } from '../../../domain';
import { STATUS_LABELS } from '../../../domain';
import { CurrentUser, isBureau, Principal } from '../common/principal';
import { toCsv, wantsCsv } from '../common/csv';

@ApiTags('oversight')
@ApiBearerAuth()
@Controller('oversight')
export class OversightController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private scope(principal: Principal): { where: string; params: unknown[] } {
    return isBureau(principal)
      ? { where: '', params: [] }
      : { where: 'AND p.department_id = $1', params: [principal.departmentId] };
  }

  /** Every overdue obligation the caller may see, oldest first. */
  @Get('overdue')
  @ApiProduces('application/json', 'text/csv')
  async overdue(
    @CurrentUser() user: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { where, params } = this.scope(user);
    const rows: {
      project_id: string;
      name: string;
      department_id: string;
      policy_id: string;
      key: string;
      title: string;
      due_on: string;
      basis: string;
    }[] = await this.dataSource.query(
      `SELECT o.project_id, p.name, p.department_id, p.policy_id, o.key, o.title, o.due_on::text AS due_on, o.basis
           FROM obligations o JOIN projects p ON p.id = o.project_id
          WHERE o.status = 'overdue' ${where}
          ORDER BY o.due_on ASC, p.name ASC`,
      params,
    );
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
    if (!wantsCsv(accept)) return { asOf: today, items };
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="overdue-${today}.csv"`);
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
      items,
    );
  }

  /** Obligation counts per department and status. */
  @Get('summary')
  @ApiProduces('application/json', 'text/csv')
  async summary(
    @CurrentUser() user: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { where, params } = this.scope(user);
    const rows: { department_id: string; status: string; count: string }[] = await this.dataSource.query(
      `SELECT p.department_id, o.status, count(*) AS count
         FROM obligations o JOIN projects p ON p.id = o.project_id
        WHERE true ${where}
        GROUP BY p.department_id, o.status
        ORDER BY p.department_id, o.status`,
      params,
    );
    const items = rows.map((r) => ({
      departmentId: r.department_id,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS] ?? r.status,
      count: Number(r.count),
    }));
    if (!wantsCsv(accept)) return { items };
    res.type('text/csv; charset=utf-8');
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
