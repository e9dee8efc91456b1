import { Module } from '@nestjs/common';
import { OversightController } from './oversight.controller';

@Module({ controllers: [OversightController] })
export class OversightModule {}
