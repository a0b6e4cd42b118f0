// The plan of the oracle suite: how many queries of each shape, drawn with one seed, so every run asks the same
// shapes of the same data. Criteria are ANDed (repeated parameters) and ORed (comma-separated values) in a share of them.
import type { Catalogue } from './catalogue';
import { dateMaker } from './generate-date';
import { ids } from './generate-id';
import { chain, has } from './generate-chain';
import { composite } from './generate-composite';
import { quantityMaker } from './generate-quantity';
import { absolute, bareId, identifier, noReferenceHit, relative, typed } from './generate-reference';
import { contains, exact, noStringHit, startsWith, withoutAccents } from './generate-string';
import { code, codeWithoutSystem, noTokenHit, not, ofType, systemAndCode, systemOnly, text } from './generate-token';
import { uri } from './generate-uri';
import { missingMaker, type Made, type Maker } from './maker';
import { queryUrl, type OracleQuery, type Prefix } from './oracle-query';
import { SeededRandom } from './seeded-random';
import { BASE } from '../start-app';

const PREFIXES: Prefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];

/** `ap` on _lastUpdated is left out: its width depends on the gap to now, so which of the resources written in the same seconds it finds depends on the moment the query runs. */
const LAST_UPDATED_PREFIXES: Prefix[] = PREFIXES.filter((p) => p !== 'ap');

type Generate = (rnd: SeededRandom, cat: Catalogue) => OracleQuery | undefined;

const single =
  (maker: Maker): Generate =>
  (rnd, cat) => {
    const m = maker(rnd, cat);
    return m && { resourceType: m.resourceType, criteria: [m.criterion], label: m.label };
  };

/** Two criteria ANDed (search.html#combining): on one resource type, or on one parameter too (a repeated parameter). */
const and =
  (a: Maker, b: Maker, sameParameter = false): Generate =>
  (rnd, cat) => {
    const first = a(rnd, cat);
    const second = first && b(rnd, cat, { resourceType: first.resourceType, ...(sameParameter && { code: first.criterion.code }) });
    return second && { resourceType: first.resourceType, criteria: [first.criterion, second.criterion], label: `AND: ${first.label} + ${second.label}` };
  };

/** Two values of one parameter with one modifier, ORed. */
const or =
  (maker: Maker): Generate =>
  (rnd, cat) => {
    const first = maker(rnd, cat);
    const second: Made | undefined = first && maker(rnd, cat, { resourceType: first.resourceType, code: first.criterion.code });
    if (!first || !second || second.criterion.modifier !== first.criterion.modifier) return undefined;
    return { resourceType: first.resourceType, criteria: [{ ...first.criterion, values: [...first.criterion.values, ...second.criterion.values] }], label: `OR: ${first.label}` };
  };

const each = (group: string, prefixes: Prefix[], maker: (p: Prefix) => Maker, count: number): [string, Generate, number][] =>
  prefixes.map((p) => [group, single(maker(p)), count]);

/**
 * [group, generator, how many]. No number group: no R4 number parameter (RiskAssessment.probability,
 * MolecularSequence.variant-start…) has a value in Synthea data; test/e2e/search/number.e2e-spec.ts covers them.
 */
export const PLAN: readonly [string, Generate, number][] = [
  ['string', single(startsWith), 36],
  ['string', single(exact), 18],
  ['string', single(contains), 18],
  ['string', single(withoutAccents), 8],
  ['string', single(noStringHit), 8],
  ['string', single(missingMaker('string')), 6],
  ['token', single(code), 24],
  ['token', single(systemAndCode), 24],
  ['token', single(codeWithoutSystem), 5],
  ['token', single(systemOnly), 10],
  ['token', single(not), 15],
  ['token', single(text), 15],
  ['token', single(ofType), 6],
  ['token', single(noTokenHit), 4],
  ['token', single(missingMaker('token')), 6],
  ['token', single(ids), 8],
  ['reference', single(relative), 18],
  ['reference', single(absolute), 5],
  ['reference', single(bareId), 12],
  ['reference', single(typed), 6],
  ['reference', single(identifier), 8],
  ['reference', single(noReferenceHit), 3],
  ['reference', single(missingMaker('reference')), 6],
  ...each('date', PREFIXES, (p) => dateMaker(p), 8),
  ...each('date', LAST_UPDATED_PREFIXES, (p) => dateMaker(p, '_lastUpdated'), 2),
  ['date', single(missingMaker('date')), 4],
  ['date', and(dateMaker('ge'), dateMaker('lt'), true), 6],
  ['date', and(dateMaker('gt'), dateMaker('le'), true), 4],
  ...each('quantity', PREFIXES, quantityMaker, 5),
  ['quantity', single(missingMaker('quantity')), 3],
  ['quantity', and(quantityMaker('ge'), quantityMaker('lt'), true), 4],
  ['uri', single(uri), 10],
  ['composite', single(composite(false)), 16],
  ['composite', single(composite(true)), 8],
  ['combined', or(code), 5],
  ['combined', or(systemAndCode), 4],
  ['combined', or(startsWith), 4],
  ['combined', or(relative), 3],
  ['combined', or(not), 3],
  ['combined', or(dateMaker('eq')), 3],
  ['combined', and(code, dateMaker('ge')), 5],
  ['combined', and(relative, code), 5],
  ['combined', and(startsWith, startsWith), 3],
  ['combined', and(relative, dateMaker('lt')), 3],
  ['combined', and(systemAndCode, quantityMaker('gt')), 3],
  ['combined', and(not, relative), 3],
  ['chain', single(chain(startsWith, code, systemAndCode, dateMaker('ge'), relative)), 15],
  ['chain', single(has(startsWith, code, systemAndCode, dateMaker('le'), relative)), 10],
];

/** The queries of every group, distinct, in plan order; a generator that finds nothing to draw from adds none. */
export function generateQueries(cat: Catalogue, seed: number): Map<string, OracleQuery[]> {
  const rnd = new SeededRandom(seed);
  const seen = new Set<string>();
  const groups = new Map<string, OracleQuery[]>();
  for (const [group, generate, count] of PLAN) {
    const queries = groups.get(group) ?? [];
    groups.set(group, queries);
    for (let made = 0, tries = 0; made < count && tries < count * 10; tries++) {
      const query = generate(rnd, cat);
      const url = query && queryUrl(query, BASE);
      if (!query || !url || seen.has(url)) continue;
      seen.add(url);
      queries.push(query);
      made++;
    }
  }
  return groups;
}
