import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../common/principal';
import { ProjectsService } from './projects.service';
import { ListProjectsQuery, RegisterProjectDto } from './register-project.dto';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  register(@CurrentUser() user: Principal, @Body() body: RegisterProjectDto) {
    return this.projects.register(user, body);
  }

  @Get()
  list(@CurrentUser() user: Principal, @Query() query: ListProjectsQuery) {
    return this.projects.list(user, query);
  }

  @Get(':id')
  detail(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.projects.detail(user, id);
  }
}
