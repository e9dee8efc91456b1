import { Module } from '@nestjs/common';
import { EventsController } from '../events/events.controller';
import { ProjectCommands } from '../events/project-commands.service';
import { ProjectAccess } from './project-access.service';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

@Module({
  controllers: [ProjectsController, EventsController],
  providers: [ProjectsService, ProjectAccess, ProjectCommands],
  exports: [ProjectAccess],
})
export class ProjectsModule {}
