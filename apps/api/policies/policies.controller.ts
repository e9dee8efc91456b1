import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
  simulate(@Body() body: unknown) {
    return this.policies.simulate(body);
  }
}
