import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { idempotencyKey } from '../common/idempotency';
import { CurrentUser, Principal } from '../common/principal';
import { ProjectsService } from './projects.service';
import { ListProjectsQuery, RegisterProjectDto } from './register-project.dto';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key twice registers one project',
  })
  register(
    @CurrentUser() user: Principal,
    @Body() body: RegisterProjectDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.projects.register(user, body, idempotencyKey(key));
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
