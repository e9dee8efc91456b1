import { Body, Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { AllowedBeforePasswordChange, CurrentUser, Principal, Public } from '../common/principal';
import { AuthService } from './auth.service';
import { LoginDto } from './login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @SkipThrottle({ simulate: true })
  login(@Body() body: LoginDto, @Ip() address: string) {
    return this.auth.login(body.username, body.password, address);
  }

  /** Signs the caller out everywhere: every token issued to the account so far stops working. */
  @Post('logout')
  @HttpCode(204)
  @AllowedBeforePasswordChange()
  @ApiBearerAuth()
  async logout(@CurrentUser() user: Principal): Promise<void> {
    await this.auth.logout(user);
  }
}
