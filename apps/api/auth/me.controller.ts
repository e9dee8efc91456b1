import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AllowedBeforePasswordChange, CurrentUser, Principal } from '../common/principal';
import { AuthService } from './auth.service';
import { ChangePasswordDto, PreferencesDto } from './me.dto';
import { MeService } from './me.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly account: MeService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @AllowedBeforePasswordChange()
  me(@CurrentUser() user: Principal) {
    return this.account.me(user);
  }

  @Put('preferences')
  preferences(@CurrentUser() user: Principal, @Body() body: PreferencesDto) {
    return this.account.preferences(user, body);
  }

  /** Changes the caller's password; every earlier token stops working and the answer carries a new one. */
  @Post('password')
  @HttpCode(200)
  @AllowedBeforePasswordChange()
  password(@CurrentUser() user: Principal, @Body() body: ChangePasswordDto) {
    return this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }
}
