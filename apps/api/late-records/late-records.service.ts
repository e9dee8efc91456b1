import { Injectable } from '@nestjs/common';
import { daysBetween, EVENT_LABELS, findPolicy, LATE_RECORDING_DAYS } from '../../../domain';
import { DepartmentScope } from '../common/department-scope';
import type { Principal } from '../common/principal';
import type { LateRecordsQuery } from './late-records.dto';
import { LateRecordsRepository } from './late-records.repository';

/** Backdating made visible: every fact entered more than LATE_RECORDING_DAYS after it happened (补录). */
@Injectable()
export class LateRecordsService {
  constructor(
    private readonly repository: LateRecordsRepository,
    private readonly scope: DepartmentScope,
  ) {}

  async list(principal: Principal, query: LateRecordsQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const rows = await this.repository.list(
      {
        departmentId: await this.scope.filter(principal, query.department),
        ...(query.regulation ? { policyId: query.regulation } : {}),
        thresholdDays: LATE_RECORDING_DAYS,
      },
      pageSize,
      (page - 1) * pageSize,
    );
    return {
      thresholdDays: LATE_RECORDING_DAYS,
      page,
      pageSize,
      total: Number(rows[0]?.total ?? 0),
      items: rows.map((r) => ({
        projectId: r.project_id,
        projectName: r.name,
        departmentId: r.department_id,
        regulation: findPolicy(r.policy_id)?.name ?? r.policy_id,
        fact: r.type,
        factTitle: EVENT_LABELS[r.type as keyof typeof EVENT_LABELS] ?? r.type,
        on: r.occurred_on,
        recordedOn: r.recorded_on,
        daysRecordedLate: daysBetween(r.occurred_on, r.recorded_on),
        recordedBy: r.actor_id,
      })),
    };
  }
}
