import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { CreateDepartmentDto, ListDepartmentsQuery, UpdateDepartmentDto } from './departments.dto';
import { DepartmentsService } from './departments.service';

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  list(@CurrentUser() user: Principal, @Query() query: ListDepartmentsQuery) {
    return this.departments.list(user, query);
  }

  @Post()
  @Roles('admin')
  create(@CurrentUser() user: Principal, @Body() body: CreateDepartmentDto) {
    return this.departments.create(user, body);
  }

  /** Rename, new contacts, `active: false` to deactivate (its projects stay visible). */
  @Patch(':code')
  @Roles('admin')
  update(@CurrentUser() user: Principal, @Param('code') code: string, @Body() body: UpdateDepartmentDto) {
    return this.departments.update(user, code, body);
  }
}
