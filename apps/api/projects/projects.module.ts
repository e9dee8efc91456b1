import { Module } from '@nestjs/common';
import { EventsController } from '../events/events.controller';
import { ProjectCommands } from '../events/project-commands.service';
import { ProjectAccess } from './project-access.service';
import { ProjectAuditService } from './project-audit.service';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';
import { RegistrationService } from './registration.service';

@Module({
  controllers: [ProjectsController, EventsController],
  providers: [ProjectsService, ProjectAuditService, RegistrationService, ProjectAccess, ProjectCommands],
  exports: [ProjectAccess, RegistrationService, ProjectCommands],
})
export class ProjectsModule {}
