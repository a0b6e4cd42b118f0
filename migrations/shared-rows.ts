// For the migrations that move index rows between parameters that share them (SharedRows in src/search/search-parameters.ts).
import { loadR4Definitions } from '../src/fhir/definitions/r4';
import { borrowsRows, SearchParameterRegistry, type SearchParamDef } from '../src/search/search-parameters';
import type { SearchParamType } from '../src/search/search-request';

/** Per resource type, its base R4 parameters of `type` that search another's rows (types with none are left out). */
export function borrowingParameters(type: SearchParamType): { resourceType: string; borrowers: SearchParamDef[] }[] {
  const { resourceTypes, searchParameters } = loadR4Definitions();
  const registry = new SearchParameterRegistry(resourceTypes, searchParameters);
  return resourceTypes
    .map((resourceType) => ({ resourceType, borrowers: registry.all(resourceType).filter((p) => p.type === type && borrowsRows(p)) }))
    .filter(({ borrowers }) => borrowers.length > 0);
}
