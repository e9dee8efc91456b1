import { Module } from '@nestjs/common';
import { LateRecordsController } from './late-records.controller';
import { LateRecordsRepository } from './late-records.repository';
import { LateRecordsService } from './late-records.service';

@Module({ controllers: [LateRecordsController], providers: [LateRecordsService, LateRecordsRepository] })
export class LateRecordsModule {}
