import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsBoolean, IsEmail, IsOptional, MaxLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../../../db/entities';
import { AuditService } from '../audit/audit.service';
import { CurrentUser, Principal } from '../common/principal';

export class PreferencesDto {
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  /** Bureau operators: one daily digest of escalations instead of a message each. */
  @IsOptional()
  @IsBoolean()
  dailyDigest?: boolean;
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async me(@CurrentUser() user: Principal) {
    const u = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      departmentId: u.departmentId,
      email: u.email,
      dailyDigest: u.dailyDigest,
    };
  }

  @Put('preferences')
  async preferences(@CurrentUser() user: Principal, @Body() body: PreferencesDto) {
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(UserEntity).update({ id: user.id }, body);
      await this.audit.append(
        { actorId: user.id, actorRole: user.role, action: 'preferences.updated', details: { ...body } },
        tx,
      );
    });
    return this.me(user);
  }
}
