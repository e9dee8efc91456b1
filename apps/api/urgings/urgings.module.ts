import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { UrgingsController } from './urgings.controller';
import { UrgingsRepository } from './urgings.repository';
import { UrgingsService } from './urgings.service';

@Module({
  imports: [ProjectsModule],
  controllers: [UrgingsController],
  providers: [UrgingsService, UrgingsRepository],
})
export class UrgingsModule {}
