import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../common/principal';
import { PreferencesDto } from './me.dto';
import { MeService } from './me.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly account: MeService) {}

  @Get()
  me(@CurrentUser() user: Principal) {
    return this.account.me(user);
  }

  @Put('preferences')
  preferences(@CurrentUser() user: Principal, @Body() body: PreferencesDto) {
    return this.account.preferences(user, body);
  }
}
