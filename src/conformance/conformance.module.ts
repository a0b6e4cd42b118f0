import { Global, Module } from '@nestjs/common';
import { loadR4Definitions } from '../fhir/definitions/r4';
import { SearchParameterRegistry } from '../search/search-parameters';
import { ProfileRegistry } from '../validation/profile-registry';
import { ResourceValidator } from '../validation/resource-validator';
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
    { provide: ResourceValidator, inject: [ProfileRegistry], useFactory: (profiles: ProfileRegistry) => new ResourceValidator(profiles) },
  ],
  exports: [SearchParameterRegistry, ProfileRegistry, ResourceValidator],
})
export class ConformanceModule {}
