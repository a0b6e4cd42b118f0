// Resource → index rows, from the FHIRPath expression of each SearchParameter, compiled once per type.
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import { compilePath, type CompiledPath } from '../../fhir/fhirpath';
import { SearchParameterRegistry } from '../../search/search-parameters';
import { tokenRows, type TokenRow } from './token-index';

export interface IndexRows {
  readonly tokens: TokenRow[];
}

interface CompiledParam {
  readonly code: string;
  readonly evaluate: CompiledPath;
}

@Injectable()
export class Indexer {
  private readonly tokenParams = new Map<string, CompiledParam[]>();

  constructor(private readonly registry: SearchParameterRegistry) {}

  index(resource: Resource): IndexRows {
    const tokens: TokenRow[] = [];
    for (const param of this.compiled(resource.resourceType)) {
      for (const node of this.evaluate(param, resource)) tokenRows(param.code, node, tokens);
    }
    return { tokens };
  }

  /** A value an expression cannot be evaluated on is not indexed for that parameter; the write goes on. */
  private evaluate(param: CompiledParam, resource: Resource): unknown[] {
    try {
      return param.evaluate(resource);
    } catch {
      return [];
    }
  }

  /** Token parameters of a type, compiled on first use (_id is a column, not an index row). */
  private compiled(resourceType: string): CompiledParam[] {
    let params = this.tokenParams.get(resourceType);
    if (!params) {
      params = this.registry
        .all(resourceType)
        .filter((p) => p.type === 'token' && p.expression && p.code !== '_id')
        .flatMap((p) => {
          try {
            return [{ code: p.code, evaluate: compilePath(p.expression as string) }];
          } catch {
            // An expression fhirpath.js cannot compile cannot be indexed; the parameter then finds nothing.
            return [];
          }
        });
      this.tokenParams.set(resourceType, params);
    }
    return params;
  }
}
