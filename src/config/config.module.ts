import { Global, Module } from '@nestjs/common';
import { IgnisConfig } from './ignis-config';

/** Provides the one validated IgnisConfig; main.ts (or a test) builds it and passes it in. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: IgnisConfig) {
    return { module: ConfigModule, providers: [{ provide: IgnisConfig, useValue: config }], exports: [IgnisConfig] };
  }
}
