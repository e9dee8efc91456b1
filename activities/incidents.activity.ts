import type { DataSource } from 'typeorm';
import { IncidentEntity } from '../db/entities';
import type { IncidentInput } from './types';

/** PostgreSQL text cannot hold NUL, and the name that broke a step may be the one being written here. */
const printable = (text: string, max: number) =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '�').slice(0, max);

/** Writes an incident a workflow opened. Idempotent: the workflow chose the id, a retry writes nothing new. */
export function createIncidentActivities(dataSource: DataSource) {
  return {
    async openIncident(input: IncidentInput): Promise<void> {
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(IncidentEntity)
        .values({
          id: input.id,
          workflowId: input.workflowId,
          projectId: input.projectId ?? null,
          departmentId: input.departmentId ?? null,
          subject: printable(input.subject, 300),
          step: input.step,
          errorType: printable(input.errorType, 100),
          error: printable(input.error, 4000),
          attempts: input.attempts,
          openedAt: new Date(input.openedAt),
        })
        .orIgnore()
        .execute();
    },
  };
}
