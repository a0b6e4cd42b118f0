// Checks every interaction shares: a known resource type, a valid id, a body that validates.
import { Injectable } from '@nestjs/common';
import type { OperationOutcomeIssue, Resource, SearchParameter } from 'fhir/r4';
import { loadR4Definitions } from '../fhir/definitions/r4';
import { FhirError, hasErrors, issue, notFound } from '../fhir/outcome';
import { assertResourceObject, assertValidId } from '../fhir/resource';
import { searchParameterIssues } from '../search/custom-parameters';
import { SearchParameterRegistry } from '../search/search-parameters';
import { ResourceValidator } from '../validation/resource-validator';

@Injectable()
export class ResourceGuard {
  private readonly types = new Set(loadR4Definitions().resourceTypes);

  constructor(
    private readonly validator: ResourceValidator,
    private readonly registry: SearchParameterRegistry,
  ) {}

  assertType(type: string): void {
    if (!this.types.has(type)) throw notFound(`Unknown resource type '${type.slice(0, 80)}'`);
  }

  assertTypeAndId(type: string, id: string): void {
    this.assertType(type);
    assertValidId(id);
  }

  /** Parses nothing, writes nothing: the body is a `type` resource and valid, or a 400/422 lists every issue. */
  validate(body: unknown, type: string): { resource: Resource; warnings: OperationOutcomeIssue[] } {
    assertResourceObject(body);
    if (body.resourceType !== type) {
      throw new FhirError(400, [issue('invalid', `The resource is a ${body.resourceType}, but the URL is for ${type}`, 'resourceType')]);
    }
    const issues = this.validator.validate(body, type);
    // A SearchParameter is also a definition the server will index with: one it cannot use is refused.
    if (type === 'SearchParameter' && !hasErrors(issues)) issues.push(...searchParameterIssues(body as SearchParameter, this.registry));
    if (hasErrors(issues)) throw new FhirError(onlyProfileErrors(issues) ? 422 : 400, issues);
    return { resource: body, warnings: issues };
  }
}

/** Base-rule failures are 400; a resource that only breaks a profile it claims is 422 (http.html#create). */
function onlyProfileErrors(issues: OperationOutcomeIssue[]): boolean {
  return issues.filter((i) => i.severity === 'error').every((i) => i.diagnostics?.startsWith('Profile '));
}
