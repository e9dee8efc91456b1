import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() query: ListUsersQuery) {
    return this.users.list(query);
  }

  /** Without `password` the answer carries a one-time password, so it must not be cached anywhere. */
  @Post()
  @Header('Cache-Control', 'no-store')
  create(@CurrentUser() user: Principal, @Body() body: CreateUserDto) {
    return this.users.create(user, body);
  }

  @Patch(':username')
  update(@CurrentUser() user: Principal, @Param('username') username: string, @Body() body: UpdateUserDto) {
    return this.users.update(user, username, body);
  }

  @Post(':username/reset-password')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  resetPassword(@CurrentUser() user: Principal, @Param('username') username: string) {
    return this.users.resetPassword(user, username);
  }
}
