import { DepartmentEntity, FeedTokenEntity, UserEntity } from './account.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { DeliveryEntity, DepartmentChannelEntity } from './delivery.entity';
import { CalendarYearEntity } from './calendar-year.entity';
import { FactCorrectionEntity } from './fact-correction.entity';
import { FactEntity } from './fact.entity';
import { IncidentEntity } from './incident.entity';
import { NotificationEntity } from './notification.entity';
import { ObligationEntity } from './obligation.entity';
import { PlanFilingEntity } from './plan-filing.entity';
import { ProjectEntity } from './project.entity';
import { UrgingEntity } from './urging.entity';
import { WebhookAllowEntity } from './webhook-allow.entity';

export type { DepartmentContact } from './account.entity';

export {
  AuditEntryEntity,
  DeliveryEntity,
  DepartmentChannelEntity,
  CalendarYearEntity,
  DepartmentEntity,
  FeedTokenEntity,
  UserEntity,
  FactCorrectionEntity,
  FactEntity,
  IncidentEntity,
  NotificationEntity,
  ObligationEntity,
  PlanFilingEntity,
  ProjectEntity,
  UrgingEntity,
  WebhookAllowEntity,
};

export const ENTITIES = [
  ProjectEntity,
  FactEntity,
  ObligationEntity,
  NotificationEntity,
  CalendarYearEntity,
  AuditEntryEntity,
  DepartmentEntity,
  UserEntity,
  FeedTokenEntity,
  DepartmentChannelEntity,
  DeliveryEntity,
  PlanFilingEntity,
  IncidentEntity,
  WebhookAllowEntity,
  FactCorrectionEntity,
  UrgingEntity,
];
