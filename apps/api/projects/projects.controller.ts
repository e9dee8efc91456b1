import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Lang } from '../../../domain';
import { idempotencyKey } from '../common/idempotency';
import { PageQuery } from '../common/page.query';
import { CurrentUser, Principal } from '../common/principal';
import { RequestLang } from '../common/request-lang';
import { ProjectAuditService } from './project-audit.service';
import { ProjectsService } from './projects.service';
import { projectsCsv, projectsXlsx } from './projects-export';
import { ListProjectsQuery, ProjectFilters, RegisterProjectDto } from './register-project.dto';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly audit: ProjectAuditService,
  ) {}

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

  @Get('export.xlsx')
  async exportXlsx(
    @CurrentUser() user: Principal,
    @Query() query: ProjectFilters,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { total, rows } = await this.projects.exportRows(user, query);
    res.setHeader('X-Total-Count', String(total));
    return new StreamableFile(await projectsXlsx(rows), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: 'attachment; filename="projects.xlsx"',
    });
  }

  @Get('export.csv')
  async exportCsv(
    @CurrentUser() user: Principal,
    @Query() query: ProjectFilters,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { total, rows } = await this.projects.exportRows(user, query);
    res.setHeader('X-Total-Count', String(total));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="projects.csv"');
    return projectsCsv(rows);
  }

  @Get(':id')
  detail(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @RequestLang() lang: Lang,
  ) {
    return this.projects.detail(user, id, lang);
  }

  /** The project's audit trail, newest first, with each action's name in the reader's language. */
  @Get(':id/audit')
  auditTrail(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PageQuery,
    @RequestLang() lang: Lang,
  ) {
    return this.audit.list(user, id, query, lang);
  }
}
