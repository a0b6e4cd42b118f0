// $validate: https://hl7.org/fhir/R4/resource-operation-validate.html
import { Injectable } from '@nestjs/common';
import type { OperationOutcomeIssue, Parameters, Resource } from 'fhir/r4';
import { FhirError, invalid, issue, outcome } from '../fhir/outcome';
import { assertResourceObject } from '../fhir/resource';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ReadInteraction } from './read';
import { ResourceGuard } from './resource-guard';

const MODES = new Set(['create', 'update', 'delete']);

/** Accepts the resource itself or a Parameters with `resource` (and `mode`). */
function unwrap(body: unknown): { resource?: Resource; mode?: string } {
  if (body === undefined || body === null) return {};
  assertResourceObject(body);
  if (body.resourceType !== 'Parameters') return { resource: body };
  const params = (body as Parameters).parameter ?? [];
  const mode = params.find((p) => p.name === 'mode')?.valueCode;
  if (mode !== undefined && !MODES.has(mode)) throw invalid(`mode must be create, update or delete, not '${mode}'`, 'Parameters.parameter.where(name=\'mode\')');
  return { resource: params.find((p) => p.name === 'resource')?.resource, mode };
}

@Injectable()
export class ValidateOperation {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly read: ReadInteraction,
  ) {}

  /** Always 200 with every issue found; an error means the resource would be refused. */
  async execute(ctx: InteractionContext, type: string, body: unknown, id?: string): Promise<InteractionResult> {
    this.guard.assertType(type);
    const { resource: given, mode } = unwrap(body);
    if (id !== undefined) this.guard.assertTypeAndId(type, id);
    const stored = id !== undefined && (!given || mode === 'delete') ? await this.read.current(ctx, type, id) : undefined;
    if (mode === 'delete') return this.ok([]);
    const resource = given ?? (stored ? (JSON.parse(stored.json as string) as Resource) : undefined);
    if (!resource) throw invalid('$validate needs a resource in the body', 'resource');
    const issues: OperationOutcomeIssue[] = [];
    if ((mode === 'update' || id !== undefined) && resource.id === undefined) issues.push(issue('required', 'An update needs the resource id', 'id'));
    if (id !== undefined && resource.id !== undefined && resource.id !== id) issues.push(issue('invalid', `The resource id '${resource.id}' differs from the URL id '${id}'`, 'id'));
    try {
      issues.push(...this.guard.validate(resource, type).warnings);
    } catch (error) {
      if (!(error instanceof FhirError)) throw error;
      issues.push(...error.issues);
    }
    return this.ok(issues);
  }

  private ok(issues: OperationOutcomeIssue[]): InteractionResult {
    return { status: 200, body: outcome(issues.length ? issues : [issue('informational', 'No issues found', undefined, 'information')]) };
  }
}
