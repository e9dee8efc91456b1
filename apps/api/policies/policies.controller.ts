import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { SkipThrottle, Throttle } from '@nestjs/throttler';
import type { Response } from 'express';
import { PerUserThrottlerGuard } from '../common/per-user-throttler.guard';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PoliciesService } from './policies.service';

@ApiTags('policies')
@ApiBearerAuth()
@Controller()
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get('policies')
  list() {
    return this.policies.list();
  }

  @Get('policies/:id')
  one(@Param('id') id: string) {
    return this.policies.one(id);
  }

  @Post('simulate')
  @HttpCode(200)
  @UseGuards(PerUserThrottlerGuard)
  @Throttle({ simulate: {} })
  @SkipThrottle({ login: true })
  async simulate(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    res.type('application/json');
    return this.policies.simulate(body);
  }
}
