import { Module } from '@nestjs/common';
import { PlanFilingsController } from './plan-filings.controller';
import { PlanFilingsRepository } from './plan-filings.repository';
import { PlanFilingsService } from './plan-filings.service';

@Module({
  controllers: [PlanFilingsController],
  providers: [PlanFilingsService, PlanFilingsRepository],
})
export class PlanFilingsModule {}
