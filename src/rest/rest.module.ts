import { Module } from '@nestjs/common';
import { InteractionsModule } from '../interactions/interactions.module';
import { FhirController } from './fhir.controller';
import { SystemController } from './system.controller';

@Module({
  imports: [InteractionsModule],
  controllers: [SystemController, FhirController],
})
export class RestModule {}
