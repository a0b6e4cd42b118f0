// Resource → index rows, from the FHIRPath expression of each SearchParameter, compiled once per type.
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import { IgnisConfig } from '../../config/ignis-config';
import { compilePath, type CompiledPath } from '../../fhir/fhirpath';
import { borrowsRows, SearchParameterRegistry, unionParts, type SearchParamDef } from '../../search/search-parameters';
import { compileComposite, evaluateAll, indexComposite, type CompiledComposite } from './composite-index';
import { COLUMN_PARAMETERS, EXTRACTORS, PARAMETER_EXTRACTORS, type Extractor, type IndexContext } from './extractor';
import { columnOf, patientOf, type IndexRows } from './index-tables';

interface CompiledParam {
  readonly code: string;
  /** The members of the expression's top-level union, evaluated one by one (composite-index.ts evaluateAll). */
  readonly paths: readonly CompiledPath[];
  readonly extractor: Extractor;
}

type Compiled = { kind: 'value'; param: CompiledParam } | { kind: 'composite'; composite: CompiledComposite };

const TOKEN_PATIENT = columnOf('search_token', 'patient');

/**
 * A row's identity: its values are strings (none holds U+0000, which PostgreSQL text cannot), numbers, tsvectors
 * (Buffers) or null. Strings, most values, go in without a type name; a tsvector's bytes are read as Latin-1 (as
 * UTF-8, its binary lengths and positions cost ~7 µs a full-text row to decode, against ~0.2).
 */
function rowKey(row: readonly unknown[]): string {
  let key = '';
  for (const v of row) {
    if (v === null || v === undefined) key += '\u0000';
    else if (typeof v === 'string') key += `\u0000s${v}`;
    else if (Buffer.isBuffer(v)) key += `\u0000b${v.toString('latin1')}`;
    else key += `\u0000${typeof v}${String(v)}`;
  }
  return key;
}

/** The same value found twice (a given name in two HumanNames, say) is one row: each row costs PostgreSQL index entries. */
function distinct(rows: unknown[][]): unknown[][] {
  if (rows.length < 2) return rows;
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = rowKey(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

@Injectable()
export class Indexer {
  private readonly byType = new Map<string, Compiled[]>();
  private readonly context: IndexContext;

  constructor(
    private readonly registry: SearchParameterRegistry,
    config: IgnisConfig,
  ) {
    this.context = { baseUrl: config.baseUrl };
    registry.onChange((types) => types.forEach((type) => this.byType.delete(type)));
  }

  index(resource: Resource): IndexRows {
    const rows: IndexRows = new Map();
    for (const compiled of this.compiled(resource.resourceType)) {
      if (compiled.kind === 'composite') {
        indexComposite(compiled.composite, resource, rows, this.context);
        continue;
      }
      const { code, paths, extractor } = compiled.param;
      let tableRows = rows.get(extractor.table);
      if (!tableRows) rows.set(extractor.table, (tableRows = []));
      // A value an expression cannot be evaluated on is not indexed for that parameter; the write goes on.
      for (const node of evaluateAll(paths, resource)) extractor.extract(code, node, tableRows, this.context);
    }
    for (const [table, tableRows] of rows) rows.set(table, distinct(tableRows));
    const patient = patientOf(rows);
    if (patient !== null) for (const row of rows.get('search_token') ?? []) row[TOKEN_PATIENT] = patient;
    return rows;
  }

  private compile(def: SearchParamDef): Compiled[] {
    if (def.type === 'composite') {
      const composite = compileComposite(def);
      return composite ? [{ kind: 'composite', composite }] : [];
    }
    const extractor = PARAMETER_EXTRACTORS[def.code] ?? EXTRACTORS[def.type];
    // A parameter that searches another's rows (SharedRows) has none of its own.
    if (!extractor || !def.expression || COLUMN_PARAMETERS.has(def.code) || borrowsRows(def)) return [];
    try {
      return [{ kind: 'value', param: { code: def.code, paths: unionParts(def.expression).map((e) => compilePath(e)), extractor } }];
    } catch {
      // An expression fhirpath.js cannot compile cannot be indexed; the parameter then finds nothing.
      return [];
    }
  }

  /** The indexed parameters of a type, compiled on first use and after a change (_id and _lastUpdated are columns, not index rows). */
  private compiled(resourceType: string): Compiled[] {
    let params = this.byType.get(resourceType);
    if (!params) {
      params = this.registry.indexed(resourceType).flatMap((def) => this.compile(def));
      this.byType.set(resourceType, params);
    }
    return params;
  }
}
