// Resource → index rows, from the FHIRPath expression of each SearchParameter, compiled once per type.
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import { compilePath, type CompiledPath } from '../../fhir/fhirpath';
import { SearchParameterRegistry } from '../../search/search-parameters';
import { EXTRACTORS, type Extractor } from './extractor';
import type { IndexRows } from './index-tables';

interface CompiledParam {
  readonly code: string;
  readonly evaluate: CompiledPath;
  readonly extractor: Extractor;
}

@Injectable()
export class Indexer {
  private readonly byType = new Map<string, CompiledParam[]>();

  constructor(private readonly registry: SearchParameterRegistry) {}

  index(resource: Resource): IndexRows {
    const rows: IndexRows = new Map();
    for (const param of this.compiled(resource.resourceType)) {
      let tableRows = rows.get(param.extractor.table);
      if (!tableRows) rows.set(param.extractor.table, (tableRows = []));
      for (const node of this.evaluate(param, resource)) param.extractor.extract(param.code, node, tableRows);
    }
    return rows;
  }

  /** A value an expression cannot be evaluated on is not indexed for that parameter; the write goes on. */
  private evaluate(param: CompiledParam, resource: Resource): unknown[] {
    try {
      return param.evaluate(resource);
    } catch {
      return [];
    }
  }

  /** The indexed parameters of a type, compiled on first use (_id is a column, not an index row). */
  private compiled(resourceType: string): CompiledParam[] {
    let params = this.byType.get(resourceType);
    if (!params) {
      params = this.registry.all(resourceType).flatMap((p) => {
        const extractor = EXTRACTORS[p.type];
        if (!extractor || !p.expression || p.code === '_id') return [];
        try {
          return [{ code: p.code, evaluate: compilePath(p.expression), extractor }];
        } catch {
          // An expression fhirpath.js cannot compile cannot be indexed; the parameter then finds nothing.
          return [];
        }
      });
      this.byType.set(resourceType, params);
    }
    return params;
  }
}
