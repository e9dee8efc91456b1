import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { FeedsController } from './feeds.controller';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';

@Module({
  imports: [ProjectsModule],
  controllers: [CalendarController, FeedsController],
  providers: [CalendarService, CalendarRepository, FeedsService, FeedsRepository],
})
export class CalendarModule {}
