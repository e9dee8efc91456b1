import type { DataSource } from 'typeorm';
import { createNoticeStore } from './calendar.activity';
import { createEvaluateActivities } from './evaluate.activity';
import { withClassifiedFailures } from './failures';
import { createIncidentActivities } from './incidents.activity';
import { createNotificationActivities } from './notifications.activity';
import { createPlanCycleActivities } from './plan-cycle.activity';
import { createProjectionActivities } from './projection.activity';
import { createRefreshActivities } from './refresh.activity';

export * from './types';

/** Every activity the worker registers, built from its dependencies, each one's errors classified. */
export function createActivities(dataSource: DataSource) {
  const notices = createNoticeStore(dataSource);
  return withClassifiedFailures({
    ...createRefreshActivities(dataSource, notices),
    ...createEvaluateActivities(notices),
    ...createPlanCycleActivities(dataSource, () => notices.loadNotices()),
    ...createProjectionActivities(dataSource),
    ...createNotificationActivities(dataSource),
    ...createIncidentActivities(dataSource),
  });
}

export type Activities = ReturnType<typeof createActivities>;
