// POST [base] with a batch or transaction Bundle: https://hl7.org/fhir/R4/http.html#transaction
import { Injectable } from '@nestjs/common';
import type { Bundle } from 'fhir/r4';
import { IgnisConfig } from '../../config/ignis-config';
import { invalid, tooLarge } from '../../fhir/outcome';
import { assertResourceObject, isObject } from '../../fhir/resource';
import type { InteractionContext, InteractionResult } from '../interaction-context';
import { BatchInteraction } from './batch';
import { TransactionInteraction } from './transaction';

const REQUEST_TEXT = ['method', 'url', 'ifNoneMatch', 'ifModifiedSince', 'ifMatch', 'ifNoneExist'] as const;

/**
 * An entry that is not shaped as BundleEntry (an object; request, resource an object; fullUrl and the request's
 * fields text) makes the Bundle itself invalid JSON for FHIR, so the whole request is refused (400), batch or not;
 * what an entry asks for (a missing method, an unknown type) is judged when it runs.
 */
function assertEntryShape(entry: unknown, index: number): void {
  const at = `Bundle.entry[${index}]`;
  if (!isObject(entry)) throw invalid(`${at} must be a JSON object`, at);
  for (const key of ['request', 'resource'] as const) {
    if (entry[key] !== undefined && !isObject(entry[key])) throw invalid(`${at}.${key} must be a JSON object`, `${at}.${key}`);
  }
  if (entry.fullUrl !== undefined && typeof entry.fullUrl !== 'string') throw invalid(`${at}.fullUrl must be a string`, `${at}.fullUrl`);
  const request = entry.request as Record<string, unknown> | undefined;
  for (const key of REQUEST_TEXT) {
    if (request?.[key] !== undefined && typeof request[key] !== 'string') throw invalid(`${at}.request.${key} must be a string`, `${at}.request.${key}`);
  }
}

@Injectable()
export class BundleInteraction {
  constructor(
    private readonly config: IgnisConfig,
    private readonly batch: BatchInteraction,
    private readonly transaction: TransactionInteraction,
  ) {}

  async execute(ctx: InteractionContext, body: unknown): Promise<InteractionResult> {
    assertResourceObject(body);
    if (body.resourceType !== 'Bundle') throw invalid(`POST ${ctx.baseUrl} takes a batch or transaction Bundle, not a ${body.resourceType}`, 'resourceType');
    const bundle = body as Bundle;
    if (bundle.type !== 'batch' && bundle.type !== 'transaction') throw invalid(`Bundle.type must be batch or transaction, not '${String(bundle.type)}'`, 'Bundle.type');
    if (bundle.entry !== undefined && !Array.isArray(bundle.entry)) throw invalid('Bundle.entry must be an array', 'Bundle.entry');
    const count = bundle.entry?.length ?? 0;
    if (count > this.config.MAX_BUNDLE_ENTRIES) throw tooLarge(`The Bundle has ${count} entries; the limit (MAX_BUNDLE_ENTRIES) is ${this.config.MAX_BUNDLE_ENTRIES}`);
    bundle.entry?.forEach((entry, index) => assertEntryShape(entry, index));
    return bundle.type === 'batch' ? this.batch.execute(ctx, bundle) : this.transaction.execute(ctx, bundle);
  }
}
