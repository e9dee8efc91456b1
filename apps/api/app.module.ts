import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, openDatabase, REQUEST_QUERY_LIMITS } from '../../db/data-source';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import type { ApiConfig } from './config/api-config';
import { DepartmentScopeModule } from './common/department-scope';
import { DepartmentsModule } from './departments/departments.module';
import { ConfigModule } from './config/config.module';
import { CorrectionsModule } from './corrections/corrections.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { IncidentsModule } from './incidents/incidents.module';
import { LateRecordsModule } from './late-records/late-records.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PlanFilingsModule } from './plan-filings/plan-filings.module';
import { OversightModule } from './oversight/oversight.module';
import { PoliciesModule } from './policies/policies.module';
import { ProjectsModule } from './projects/projects.module';
import { SsoModule } from './sso/sso.module';
import { TemporalModule } from './temporal/temporal.module';
import { TemporalCodecModule } from './temporal-codec/temporal-codec.module';
import { UrgingsModule } from './urgings/urgings.module';
import { UsersModule } from './users/users.module';
import { WebhookAllowlistModule } from './webhook-allowlist/webhook-allowlist.module';

@Module({})
export class AppModule {
  static register(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config.databaseUrl, { queryLimits: REQUEST_QUERY_LIMITS }),
          // Migrations run on their own short-lived connection, free of the request time limits.
          dataSourceFactory: async (options) => {
            await (await openDatabase(config.databaseUrl)).destroy();
            return new DataSource(options as ConstructorParameters<typeof DataSource>[0]).initialize();
          },
        }),
        TemporalModule,
        DepartmentScopeModule,
        AuditModule,
        AuthModule,
        SsoModule,
        DepartmentsModule,
        UsersModule,
        ProjectsModule,
        ImportsModule,
        OversightModule,
        LateRecordsModule,
        CalendarModule,
        NotificationsModule,
        WebhookAllowlistModule,
        PlanFilingsModule,
        PoliciesModule,
        HealthModule,
        IncidentsModule,
        CorrectionsModule,
        UrgingsModule,
        TemporalCodecModule,
      ],
    };
  }
}
