import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { CorrectionsController } from './corrections.controller';
import { CorrectionsRepository } from './corrections.repository';
import { CorrectionsService } from './corrections.service';

@Module({
  imports: [ProjectsModule],
  controllers: [CorrectionsController],
  providers: [CorrectionsService, CorrectionsRepository],
})
export class CorrectionsModule {}
