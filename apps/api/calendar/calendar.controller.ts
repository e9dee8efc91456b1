import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '../common/principal';
import { LoadNoticeQuery } from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('years')
  years() {
    return this.calendar.years();
  }

  /**
   * A year's State Council notice in the holiday-cn shape: { year, days: [{ name, date, isOffDay }] };
   * `dryRun=true` answers what it would move and loads nothing.
   */
  @Put('years/:year')
  @Roles('admin')
  load(
    @CurrentUser() user: Principal,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: unknown,
    @Query() query: LoadNoticeQuery,
  ) {
    return query.dryRun === 'true' ? this.calendar.preview(year, body) : this.calendar.load(user, year, body);
  }
}
