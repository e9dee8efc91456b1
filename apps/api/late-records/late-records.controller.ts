import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../common/principal';
import { LateRecordsQuery } from './late-records.dto';
import { LateRecordsService } from './late-records.service';

@ApiTags('oversight')
@ApiBearerAuth()
@Controller('oversight/late-records')
export class LateRecordsController {
  constructor(private readonly lateRecords: LateRecordsService) {}

  @Get()
  list(@CurrentUser() user: Principal, @Query() query: LateRecordsQuery) {
    return this.lateRecords.list(user, query);
  }
}
