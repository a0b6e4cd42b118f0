// batch: https://hl7.org/fhir/R4/http.html#transaction — entries are independent; one failing does not stop the others.
import { Injectable, Logger } from '@nestjs/common';
import type { Bundle } from 'fhir/r4';
import { bundleJson } from '../../fhir/bundle';
import { FhirError, internalError } from '../../fhir/outcome';
import type { InteractionContext, InteractionResult } from '../interaction-context';
import { EntryDispatch, entryContext, entryTarget } from './entry-dispatch';
import { errorEntry, responseEntry } from './entry-response';

@Injectable()
export class BatchInteraction {
  private readonly logger = new Logger(BatchInteraction.name);

  constructor(private readonly dispatch: EntryDispatch) {}

  private internal(error: unknown): FhirError {
    const internal = internalError();
    this.logger.error({ correlation: internal.correlation, err: error }, (error as Error)?.stack ?? String(error));
    return internal;
  }

  /** Entries run in order, each on its own; references between them are not resolved (spec). */
  async execute(ctx: InteractionContext, bundle: Bundle): Promise<InteractionResult> {
    const entries: string[] = [];
    for (const [index, entry] of (bundle.entry ?? []).entries()) {
      try {
        const { method, target } = entryTarget(ctx, entry, index);
        const result = await this.dispatch.run(entryContext(ctx, entry), method, target, entry.resource, index);
        entries.push(responseEntry(ctx, method, result));
      } catch (error) {
        entries.push(errorEntry(error instanceof FhirError ? error : this.internal(error)));
      }
    }
    return { status: 200, json: bundleJson({ type: 'batch-response', link: [] }, entries) };
  }
}
