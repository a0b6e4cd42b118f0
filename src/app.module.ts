import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { IgnisConfig } from './config/ignis-config';
import { ConformanceModule } from './conformance/conformance.module';
import { RestModule } from './rest/rest.module';

/** The capability modules; the validated configuration comes from main.ts (or a test). */
@Module({})
export class AppModule {
  static forRoot(config: IgnisConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config), ConformanceModule, RestModule] };
  }
}
