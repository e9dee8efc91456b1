import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { IncidentEntity } from '../../../db/entities';
import { AuditService, type AuditInput } from '../audit/audit.service';

/** The `incidents` table as the API reads and closes it (workflows open them through an activity). */
@Injectable()
export class IncidentsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  open(page: number, pageSize: number): Promise<[IncidentEntity[], number]> {
    return this.dataSource.getRepository(IncidentEntity).findAndCount({
      where: { resolvedAt: IsNull() },
      order: { openedAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  findOpen(id: string): Promise<IncidentEntity | null> {
    return this.dataSource.getRepository(IncidentEntity).findOneBy({ id, resolvedAt: IsNull() });
  }

  /** Open incidents by step, for the gauge. */
  async countByStep(): Promise<{ step: string; count: number }[]> {
    const rows: { step: string; count: string }[] = await this.dataSource.query(
      'SELECT step, count(*) AS count FROM incidents WHERE resolved_at IS NULL GROUP BY step',
    );
    return rows.map((r) => ({ step: r.step, count: Number(r.count) }));
  }

  /** Closes the incident and audits who did it, in one transaction. */
  async resolve(id: string, by: string, entry: AuditInput): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx
        .getRepository(IncidentEntity)
        .update({ id, resolvedAt: IsNull() }, { resolvedAt: new Date(), resolvedBy: by });
      await this.audit.append(entry, tx);
    });
  }
}
