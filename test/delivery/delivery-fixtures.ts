import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createNotificationActivities } from '../../activities/notifications.activity';
import {
  DepartmentChannelEntity,
  DepartmentEntity,
  NotificationEntity,
  ObligationEntity,
  ProjectEntity,
} from '../../db/entities';
import { shanghaiInstant, Wakeup } from '../../domain';

/** A department with its channels and one project, ready to receive notifications. */
export async function departmentWithProject(
  dataSource: DataSource,
  channel: Partial<DepartmentChannelEntity>,
): Promise<{
  departmentId: string;
  projectId: string;
  notify(w: Partial<Wakeup>): Promise<NotificationEntity>;
}> {
  const departmentId = `dept-${randomUUID().slice(0, 8)}`;
  const projectId = `proj-${randomUUID().slice(0, 8)}`;
  await dataSource.getRepository(DepartmentEntity).insert({ id: departmentId, name: '测试部门' });
  await dataSource.getRepository(DepartmentChannelEntity).insert({ departmentId, ...channel });
  await dataSource.getRepository(ProjectEntity).insert({
    id: projectId,
    name: '投递测试项目',
    departmentId,
    policyId: 'shandong',
    policyVersion: '1',
    attributes: {},
    status: 'active',
    flags: [],
    workflowId: `project-${projectId}`,
  });
  const { writeNotifications } = createNotificationActivities(dataSource);
  // Other tests' notifications in this shared database are not this test's to deliver.
  await dataSource.query(`UPDATE notifications SET fanned_out_at = now() WHERE fanned_out_at IS NULL`);
  await dataSource.query(
    `UPDATE deliveries SET status = 'dead' WHERE status IN ('pending', 'failed', 'sending')`,
  );
  return {
    departmentId,
    projectId,
    async notify(w) {
      const wakeup: Wakeup = {
        at: shanghaiInstant('2026-12-01', 9),
        kind: 'reminder',
        obligationKey: 'contract.filing',
        dueOn: '2026-12-04',
        count: 3,
        audience: 'department',
        key: `contract.filing|reminder-3|2026-12-04|${randomUUID()}`,
        title: '合同备案',
        basis: 'Shandong 第十三条',
        ...w,
      };
      // The read model holds the obligation as the notice describes it, so the notice still holds when sent.
      if (wakeup.obligationKey) {
        await dataSource.getRepository(ObligationEntity).upsert(
          {
            projectId,
            departmentId,
            policyId: 'shandong',
            projectName: '投递测试项目',
            key: wakeup.obligationKey,
            title: wakeup.title ?? '',
            dueOn: wakeup.dueOn,
            status: ['escalation', 'overdue-notice'].includes(wakeup.kind) ? 'overdue' : 'open',
            provisional: false,
            basis: wakeup.basis ?? '',
            explanation: {},
          },
          ['projectId', 'key'],
        );
      }
      await writeNotifications({
        project: { id: projectId, name: '投递测试项目', departmentId },
        items: [wakeup],
        writtenAt: wakeup.at,
      });
      return dataSource
        .getRepository(NotificationEntity)
        .findOneByOrFail({ dedupeKey: `${projectId}|${wakeup.key}` });
    },
  };
}
