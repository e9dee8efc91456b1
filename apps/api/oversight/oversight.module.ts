import { Module } from '@nestjs/common';
import { OversightViewsController } from './oversight-views.controller';
import { OversightViewsRepository } from './oversight-views.repository';
import { OversightViewsService } from './oversight-views.service';
import { OversightController } from './oversight.controller';
import { OversightRepository } from './oversight.repository';
import { OversightService } from './oversight.service';

@Module({
  controllers: [OversightController, OversightViewsController],
  providers: [OversightService, OversightRepository, OversightViewsService, OversightViewsRepository],
})
export class OversightModule {}
