// The oracle: which loaded resources a query matches, from the parameters' FHIRPath and the spec's matching rules
// (https://hl7.org/fhir/R4/search.html): criteria are AND-ed, the values of one criterion OR-ed, `:not` keeps the
// resources with no matching value, `:missing=true` those where the expression finds nothing; a chain follows the
// reference to its target (#chaining), `_has` looks for resources that refer to this one (#has); the parts of a
// composite value all match within one element its expression finds (#composite).
import type { Resource } from 'fhir/r4';
import type { LoadedData } from './loaded-data';
import { matchesDate } from './match-date';
import { matchesQuantity } from './match-quantity';
import { identifierOf, matchesReference, referenceOf } from './match-reference';
import { matchesString } from './match-string';
import { matchesOfType, matchesToken, matchesTokenText } from './match-token';
import { matchesUri } from './match-uri';
import type { Criterion, OracleQuery, SearchValue } from './oracle-query';
import type { SearchNode, SearchValues } from './search-values';

export class SearchOracle {
  constructor(private readonly data: LoadedData, private readonly values: SearchValues) {}

  /** The sorted ids the query should find; `now` is the instant `ap` on dates measures from. */
  expectedIds(query: OracleQuery, now: number): string[] {
    return this.data
      .ofType(query.resourceType)
      .filter((r) => query.criteria.every((c) => this.matches(r, c, now)))
      .map((r) => r.id as string)
      .sort();
  }

  private matches(resource: Resource, criterion: Criterion, now: number): boolean {
    const { has, chain } = criterion;
    if (has) {
      const referring = this.data.ofType(has.type);
      return referring.some((r) => this.values.nodes(r, has.reference).some((n) => this.target(n) === resource) && this.matches(r, has.inner, now));
    }
    const nodes = this.values.nodes(resource, criterion.code);
    if (chain) {
      return nodes.some((n) => {
        const target = this.target(n);
        return target?.resourceType === chain.type && this.matches(target, chain.inner, now);
      });
    }
    if (criterion.modifier === 'missing') return criterion.values.some((v) => v.kind === 'missing' && v.missing === (nodes.length === 0));
    const any = criterion.values.some((v) => nodes.some((n) => this.matchesValue(n, v, criterion.modifier, now)));
    return criterion.modifier === 'not' ? !any : any;
  }

  /** The loaded resource a reference points at. */
  private target(node: SearchNode): Resource | undefined {
    const literal = referenceOf(node);
    return literal === undefined ? undefined : this.data.target(literal);
  }

  private matchesValue(node: SearchNode, v: SearchValue, modifier: string | undefined, now: number): boolean {
    switch (v.kind) {
      case 'string':
        return matchesString(node, v.text, modifier);
      case 'token': {
        if (modifier !== 'identifier') return matchesToken(node, v);
        const identifier = identifierOf(node);
        return identifier !== undefined && matchesToken(identifier, v);
      }
      case 'token-text':
        return matchesTokenText(node, v.text);
      case 'of-type':
        return matchesOfType(node, v);
      case 'reference':
        return matchesReference(node, v, this.data.base);
      case 'date':
        return matchesDate(node, v, now);
      case 'quantity':
        return matchesQuantity(node, v);
      case 'uri':
        return matchesUri(node, v.uri, modifier);
      case 'composite':
        return v.parts.every((part, i) => (node.parts?.[i] ?? []).some((n) => this.matchesValue(n, part, undefined, now)));
      case 'missing':
        throw new Error('A :missing value belongs to a :missing criterion');
    }
  }
}
