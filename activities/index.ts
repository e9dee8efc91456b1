import type { DataSource } from 'typeorm';
import { createNoticeStore } from './calendar.activity';
import { createEvaluateActivities } from './evaluate.activity';
import { createNotificationActivities } from './notifications.activity';
import { createPlanCycleActivities } from './plan-cycle.activity';
import { createProjectionActivities } from './projection.activity';

export * from './types';

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(dataSource: DataSource) {
  const notices = createNoticeStore(dataSource);
  return {
    ...createEvaluateActivities(notices),
    ...createPlanCycleActivities(dataSource, () => notices.loadNotices()),
    ...createProjectionActivities(dataSource),
    ...createNotificationActivities(dataSource),
  };
}

export type Activities = ReturnType<typeof createActivities>;
