// The generated queries, typed per parameter type (https://hl7.org/fhir/R4/search.html#ptypes), and their URL form.
// The oracle reads the typed values, never the URL, so it shares no parsing with the server.

export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

export type SearchValue =
  | { readonly kind: 'string'; readonly text: string }
  /** `code`, `system|code`, `|code` (system null: the element has no system) or `system|` (no code). */
  | { readonly kind: 'token'; readonly system?: string | null; readonly code?: string }
  | { readonly kind: 'token-text'; readonly text: string }
  /** `:of-type` (search.html#token): an Identifier whose type has the coding system|code, and whose value is `value`. */
  | { readonly kind: 'of-type'; readonly system: string; readonly code: string; readonly value: string }
  /**
   * Written `Type/id`, `[base]/Type/id` or a bare `id`; a bare id names `type` only with the `:Type` modifier,
   * otherwise it may point at any type.
   */
  | { readonly kind: 'reference'; readonly written: 'relative' | 'absolute' | 'id'; readonly type?: string; readonly id: string }
  | { readonly kind: 'date'; readonly prefix: Prefix; readonly value: string }
  /** `number`, `number|system|code`, or `number||code` (system undefined, code given). */
  | { readonly kind: 'quantity'; readonly prefix: Prefix; readonly number: string; readonly system?: string; readonly code?: string }
  | { readonly kind: 'uri'; readonly uri: string }
  /** `part$part` (search.html#composite): one value per component, all matched within one element. */
  | { readonly kind: 'composite'; readonly parts: readonly SearchValue[] }
  | { readonly kind: 'missing'; readonly missing: boolean };

/**
 * One `code[:modifier]=v1,v2` (the values are OR-ed). With `chain`, `code:Type.inner=…` (search.html#chaining): the
 * reference's target, of that type, matches `inner`; `_has:Type:reference:inner=…` (#has) is `has`.
 */
export interface Criterion {
  readonly code: string;
  readonly modifier?: string;
  readonly values: readonly SearchValue[];
  readonly chain?: { readonly type: string; readonly inner: Criterion };
  readonly has?: { readonly type: string; readonly reference: string; readonly inner: Criterion };
}

/** A search: its criteria are AND-ed. `label` names the shape (type, modifier, prefix, precision) for the breakdown. */
export interface OracleQuery {
  readonly resourceType: string;
  readonly criteria: readonly Criterion[];
  readonly label: string;
}

/** search.html#escaping: `\`, `,`, `|` and `$` inside a value are escaped with `\`. */
const escape = (s: string) => s.replace(/[\\,|$]/g, '\\$&');

function valueText(v: SearchValue, base: string): string {
  switch (v.kind) {
    case 'string':
    case 'token-text':
      return escape(v.text);
    case 'of-type':
      return [v.system, v.code, v.value].map(escape).join('|');
    case 'token':
      return v.system === undefined ? escape(v.code ?? '') : `${escape(v.system ?? '')}|${escape(v.code ?? '')}`;
    case 'reference':
      if (v.written === 'absolute') return escape(`${base}/${v.type}/${v.id}`);
      return v.written === 'relative' ? `${v.type}/${escape(v.id)}` : escape(v.id);
    case 'date':
      return `${v.prefix}${v.value}`;
    case 'quantity':
      return v.code === undefined ? `${v.prefix}${v.number}` : `${v.prefix}${v.number}|${escape(v.system ?? '')}|${escape(v.code)}`;
    case 'uri':
      return escape(v.uri);
    case 'composite':
      return v.parts.map((part) => valueText(part, base)).join('$');
    case 'missing':
      return String(v.missing);
  }
}

/** The parameter's name with its modifier, chain or reverse chain, and the criterion whose values it carries. */
function nameOf(c: Criterion): [string, Criterion] {
  if (c.has) {
    const [inner, valued] = nameOf(c.has.inner);
    return [`_has:${c.has.type}:${c.has.reference}:${inner}`, valued];
  }
  if (c.chain) {
    const [inner, valued] = nameOf(c.chain.inner);
    return [`${c.code}:${c.chain.type}.${inner}`, valued];
  }
  return [c.modifier ? `${c.code}:${c.modifier}` : c.code, c];
}

/** `Type?code:modifier=value,value&…`, values URL-encoded. */
export function queryUrl(query: OracleQuery, base: string): string {
  const params = query.criteria.map((c) => {
    const [name, valued] = nameOf(c);
    return `${name}=${encodeURIComponent(valued.values.map((v) => valueText(v, base)).join(','))}`;
  });
  return `${query.resourceType}?${params.join('&')}`;
}
