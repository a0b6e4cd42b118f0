// POST [base] with a batch or transaction Bundle: https://hl7.org/fhir/R4/http.html#transaction
import { Injectable } from '@nestjs/common';
import type { Bundle } from 'fhir/r4';
import { IgnisConfig } from '../../config/ignis-config';
import { invalid, tooLarge } from '../../fhir/outcome';
import { assertResourceObject } from '../../fhir/resource';
import type { InteractionContext, InteractionResult } from '../interaction-context';
import { BatchInteraction } from './batch';
import { TransactionInteraction } from './transaction';

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
    return bundle.type === 'batch' ? this.batch.execute(ctx, bundle) : this.transaction.execute(ctx, bundle);
  }
}
