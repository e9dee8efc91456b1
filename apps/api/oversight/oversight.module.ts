import { Module } from '@nestjs/common';
import { OversightController } from './oversight.controller';
import { OversightRepository } from './oversight.repository';
import { OversightService } from './oversight.service';

@Module({ controllers: [OversightController], providers: [OversightService, OversightRepository] })
export class OversightModule {}
