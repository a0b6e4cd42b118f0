// CapabilityStatement built from what the server implements: https://hl7.org/fhir/R4/capabilitystatement.html
import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import { compartments } from '../fhir/definitions/compartments';
import { isSupported } from '../search/parse-search';
import type { SearchParamDef, SearchParameterRegistry } from '../search/search-parameters';
import { JSON_PATCH } from './json-body';

const TYPE_INTERACTIONS = ['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type'] as const;

export interface CapabilityInputs {
  readonly baseUrl: string;
  readonly version: string;
  readonly resourceTypes: readonly string[];
  readonly searchParameters: SearchParameterRegistry;
  readonly startedAt: Date;
}

function resource(type: string, registry: SearchParameterRegistry): CapabilityStatementRestResource {
  const references = registry.all(type).filter((p) => p.type === 'reference' && isSupported(p));
  const referring = registry.referringTo(type).filter(([source, code]) => isSupported(registry.get(source, code) as SearchParamDef));
  return {
    type: type as CapabilityStatementRestResource['type'],
    profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
    interaction: TYPE_INTERACTIONS.map((code) => ({ code })),
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalRead: 'full-support',
    conditionalUpdate: true,
    conditionalDelete: 'single',
    searchParam: registry
      .all(type)
      .filter(isSupported)
      .map((p) => ({ name: p.code, type: p.type, ...(p.url ? { definition: p.url } : {}), ...(p.description ? { documentation: p.description } : {}) })),
    searchInclude: ['*', ...references.map((p) => `${type}:${p.code}`)],
    searchRevInclude: referring.map(([source, code]) => `${source}:${code}`),
    operation: [
      { name: 'validate', definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate' },
      REINDEX,
      ...(type === 'Patient' ? [{ name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' }] : []),
    ],
  };
}

/** Ours: fhir-profiles/OperationDefinition/reindex.json. */
const REINDEX = { name: 'reindex', definition: 'http://ignis.dev/fhir/OperationDefinition/reindex' };

export function buildCapabilityStatement(inputs: CapabilityInputs): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: inputs.startedAt.toISOString(),
    publisher: 'Ignis',
    kind: 'instance',
    software: { name: 'Ignis', version: inputs.version },
    implementation: { description: 'Ignis FHIR R4 server', url: inputs.baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: [JSON_PATCH, 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        resource: inputs.resourceTypes.map((type) => resource(type, inputs.searchParameters)),
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }, { code: 'history-system' }],
        operation: [REINDEX],
        compartment: [...compartments().values()].map((c) => c.url),
        searchParam: [
          { name: '_id', type: 'token', documentation: 'Across types (system search, Patient/[id]/*, $everything)' },
          { name: '_lastUpdated', type: 'date', documentation: 'Across types (system search, Patient/[id]/*, $everything)' },
        ],
      },
    ],
  };
}
