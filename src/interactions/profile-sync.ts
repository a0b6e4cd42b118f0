// Constraint StructureDefinitions stored on the server become usable profiles (https://hl7.org/fhir/R4/profiling.html):
// those already stored when the server starts, and each one written later.
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { StructureDefinition } from 'fhir/r4';
import { SearchParameterRegistry, type SearchParamDef } from '../search/search-parameters';
import { ProfileRegistry } from '../validation/profile-registry';
import { ResourceEvents } from './resource-events';
import { ResourceStore } from './resource-store';
import { SearchInteraction } from './search';

const PAGE = 200;

@Injectable()
export class ProfileSync implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProfileSync.name);

  constructor(
    private readonly profiles: ProfileRegistry,
    private readonly store: ResourceStore,
    private readonly registry: SearchParameterRegistry,
    private readonly search: SearchInteraction,
    events: ResourceEvents,
  ) {
    events.onWritten((version, resource) => {
      if (resource?.resourceType === 'StructureDefinition') this.register(resource as StructureDefinition);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const derivation = this.registry.get('StructureDefinition', 'derivation') as SearchParamDef;
    const criteria = [{ kind: 'value' as const, param: derivation, values: [{ code: 'constraint' }] }];
    const ctx = { store: this.store, baseUrl: '', prefer: {} };
    const request = { resourceType: 'StructureDefinition', criteria, count: PAGE, sort: [], total: 'none' as const, include: [] };
    for await (const match of this.search.all(ctx, request)) this.register(JSON.parse(match.json as string) as StructureDefinition);
  }

  private register(sd: StructureDefinition): void {
    if (sd.derivation !== 'constraint') return;
    const problems = this.profiles.register(sd);
    if (problems.length) this.logger.warn(`Profile ${sd.url} is stored but not usable: ${problems.map((p) => p.diagnostics).join('; ')}`);
  }
}
