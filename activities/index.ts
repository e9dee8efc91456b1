import type { DataSource } from 'typeorm';
import { createNoticeStore } from './calendar.activity';
import { createEvaluateActivities } from './evaluate.activity';
import { createNotificationActivities } from './notifications.activity';
import { createProjectionActivities } from './projection.activity';

export * from './types';

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(dataSource: DataSource) {
  return {
    ...createEvaluateActivities(createNoticeStore(dataSource)),
    ...createProjectionActivities(dataSource),
    ...createNotificationActivities(dataSource),
  };
}

export type Activities = ReturnType<typeof createActivities>;
