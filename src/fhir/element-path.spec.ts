// The fast element-path evaluator against fhirpath.js, on every search parameter expression it accepts, over every
// official R4 example and the resources of a set of Synthea bundles (../shared/data; skipped when absent).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Bundle, Resource } from 'fhir/r4';
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
import { loadR4Definitions } from './definitions/r4';
import { SearchParameterRegistry, unionParts } from '../search/search-parameters';
import { compileElementPath, referencesTypeExpression } from './element-path';

const DATA = resolve(__dirname, '../../../shared/data');
const EXAMPLES = join(DATA, 'r4-examples');
const SYNTHEA = join(DATA, 'synthea');

describe('compileElementPath: which expressions it takes', () => {
  it.each([
    'Patient.name.family',
    '(Condition.onset.ofType(dateTime))',
    "Patient.telecom.where(system='phone')",
    'Patient.text.`div`',
    'Observation.value',
    'Observation.value.ofType(Quantity)',
    'Patient',
    'Patient.deceased.exists() and Patient.deceased != false',
    `Account.subject.where(${referencesTypeExpression('Patient')})`,
    "Patient.extension('http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName').value",
  ])('accepts %s', (e) => expect(compileElementPath(e)).toBeDefined());

  it.each([
    "Account.subject.where(reference.matches('^(.*/)?Patient/[^/]+$') or type = 'Patient')",
    'Bundle.entry[0].resource',
    'Observation.value.ofType(Age)', // not one of value's types
    'Observation.value.code', // after a choice, the type is only known at run time
    'Patient.nonsense',
    "Patient.name.where(given='x')", // given repeats: a one-item list equals the literal too
  ])('leaves %s to fhirpath.js', (e) => expect(compileElementPath(e)).toBeUndefined());

  it('reads where(resolve() is T) from the reference or its type, and x.exists() and x != false', () => {
    const patients = compileElementPath(`Observation.subject.where(${referencesTypeExpression('Patient')})`)!;
    const subjects = ['Patient/1', 'http://other.org/fhir/Patient/2/_history/3', 'Group/1', 'urn:uuid:1'].map((reference) => ({ reference }));
    expect(subjects.flatMap((subject) => patients({ resourceType: 'Observation', subject }))).toEqual(subjects.slice(0, 2));
    expect(patients({ resourceType: 'Observation', subject: { type: 'Patient', identifier: { value: 'x' } } })).toHaveLength(1);
    const deceased = compileElementPath('Patient.deceased.exists() and Patient.deceased != false')!;
    const cases = [{}, { deceasedBoolean: false }, { deceasedBoolean: true }, { deceasedDateTime: '2020' }];
    expect(cases.map((c) => deceased({ resourceType: 'Patient', ...c }))).toEqual([[false], [false], [true], [true]]);
  });

  it("reads extension('url') as the extensions with that url, as fhirpath.js does", () => {
    const expression = "Patient.extension('http://example.org/a').value";
    const patient = { resourceType: 'Patient', extension: [{ url: 'http://example.org/a', valueString: 'x' }, { url: 'http://example.org/b', valueString: 'y' }, { url: 'http://example.org/a', valueCode: 'z' }] };
    expect(compileElementPath(expression)?.(patient)).toEqual(['x', 'z']);
    expect(compileElementPath(expression)?.(patient)).toEqual(fhirpath.evaluate(patient, expression, undefined, r4Model));
  });

  it('reads choice types relative to a base element, and filters by resource type', () => {
    const component = { code: { text: 'x' }, valueString: 'v' };
    expect(compileElementPath('value.ofType(string)', 'Observation.component')?.(component)).toEqual(['v']);
    expect(compileElementPath('Patient.gender')?.({ resourceType: 'Person', gender: 'male' })).toEqual([]);
  });
});

function resourcesOf(): Resource[] {
  const resources: Resource[] = [];
  if (existsSync(EXAMPLES)) for (const f of readdirSync(EXAMPLES).filter((n) => n.endsWith('.json'))) resources.push(JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as Resource);
  if (existsSync(SYNTHEA)) {
    for (const f of readdirSync(SYNTHEA).filter((n) => n.endsWith('.json')).slice(0, 4)) {
      for (const e of (JSON.parse(readFileSync(join(SYNTHEA, f), 'utf8')) as Bundle).entry ?? []) if (e.resource) resources.push(e.resource);
    }
  }
  return resources;
}

const describeIfData = existsSync(DATA) ? describe : describe.skip;
if (!existsSync(DATA)) console.warn(`Skipping the differential check: ${DATA} is absent (see ../shared/data/README.md)`);

describeIfData('compileElementPath gives what fhirpath.js gives', () => {
  const definitions = loadR4Definitions();
  const registry = new SearchParameterRegistry(definitions.resourceTypes, definitions.searchParameters);
  const byType = new Map<string, Resource[]>();
  for (const r of resourcesOf()) byType.set(r.resourceType, [...(byType.get(r.resourceType) ?? []), r]);

  it.each([...byType.keys()].sort())('%s', (type) => {
    let compared = 0;
    for (const def of registry.all(type)) {
      const checks: [string, string | undefined, (r: Resource) => unknown[]][] = [];
      if (def.expression && def.type !== 'composite') for (const e of unionParts(def.expression)) checks.push([e, undefined, (r) => [r]]);
      for (const c of def.components ?? []) {
        const base = def.expression ? unionParts(def.expression)[0] : undefined;
        if (!base) continue;
        const elements = fhirpath.compile(base, r4Model);
        for (const e of unionParts(c.expression)) checks.push([e, base.replace(/^\((.*)\)$/, '$1'), (r) => elements(r) as unknown[]]);
      }
      for (const [expression, base, inputs] of checks) {
        const fast = compileElementPath(expression, base);
        if (!fast) continue;
        const slow = fhirpath.compile(base ? { base, expression } : expression, r4Model);
        for (const resource of byType.get(type) ?? []) {
          for (const input of inputs(resource)) {
            expect({ expression, id: resource.id, values: fast(input) }).toEqual({ expression, id: resource.id, values: slow(input as Record<string, unknown>) });
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
