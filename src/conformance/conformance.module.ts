import { Global, Module } from '@nestjs/common';
import { loadR4Definitions } from '../fhir/definitions/r4';
import { SearchParameterRegistry } from '../search/search-parameters';
import { ProfileRegistry } from '../validation/profile-registry';
import { ResourceValidator } from '../validation/resource-validator';
import { ValueSetIndex } from '../validation/value-sets';
import { projectPath } from './project-path';

/** What the server knows of FHIR: the R4 definitions, our profiles in fhir-profiles/, search parameters, the validator. */
@Global()
@Module({
  providers: [
    {
      provide: SearchParameterRegistry,
      useFactory: () => {
        const definitions = loadR4Definitions();
        return new SearchParameterRegistry(definitions.resourceTypes, definitions.searchParameters);
      },
    },
    { provide: ProfileRegistry, useFactory: () => (loadR4Definitions(), ProfileRegistry.fromFolder(projectPath('fhir-profiles'))) },
    // The value sets we hold, loaded once: required bindings (validation) and :in/:not-in (search).
    { provide: ValueSetIndex, useFactory: () => new ValueSetIndex() },
    { provide: ResourceValidator, inject: [ProfileRegistry, ValueSetIndex], useFactory: (profiles: ProfileRegistry, valueSets: ValueSetIndex) => new ResourceValidator(profiles, valueSets) },
  ],
  exports: [SearchParameterRegistry, ProfileRegistry, ResourceValidator, ValueSetIndex],
})
export class ConformanceModule {}
