import type { Observation, Resource } from 'fhir/r4';
import type { IgnisConfig } from '../../config/ignis-config';
import { loadR4Definitions } from '../../fhir/definitions/r4';
import { SearchParameterRegistry } from '../../search/search-parameters';
import { Indexer } from './indexer';

const { resourceTypes, searchParameters } = loadR4Definitions();
const indexer = new Indexer(new SearchParameterRegistry(resourceTypes, searchParameters), { baseUrl: 'http://ignis.test/fhir' } as IgnisConfig);
const rowsOf = (resource: Resource, table: string, param: string) => (indexer.index(resource).get(table) ?? []).filter((r) => r[0] === param);

const bloodPressure: Observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
  subject: { reference: 'http://ignis.test/fhir/Patient/example' },
  component: [
    { code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 107, comparator: '<', code: 'mm[Hg]' } },
    { code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 60, code: 'mm[Hg]' } },
  ],
};

describe('search.html#composite — components indexed per element', () => {
  it('numbers the elements, so each component code goes with its own value', () => {
    expect(rowsOf(bloodPressure, 'search_token', 'component-code-value-quantity$0')).toEqual([
      // …, element, then the Patient the Observation's subject names (search_token.patient).
      ['component-code-value-quantity$0', 'http://loinc.org', '8480-6', null, 0, 'example'],
      ['component-code-value-quantity$0', 'http://loinc.org', '8462-4', null, 1, 'example'],
    ]);
    expect(rowsOf(bloodPressure, 'search_quantity', 'component-code-value-quantity$1')).toEqual([
      ['component-code-value-quantity$1', null, 'mm[Hg]', null, '-Infinity', '107', 0],
      ['component-code-value-quantity$1', null, 'mm[Hg]', null, '60', '60', 1],
    ]);
  });

  it('evaluates union members one by one (a comparator does not spoil the union)', () => {
    expect(rowsOf(bloodPressure, 'search_quantity', 'combo-value-quantity')).toHaveLength(2);
  });
});

describe('search.html#reference — where(resolve() is Patient), and the own base', () => {
  it('indexes patient from subject, an absolute reference on the base as local', () => {
    expect(rowsOf(bloodPressure, 'search_reference', 'patient')).toEqual([['patient', 'Patient', 'example', null, null, null]]);
    const ofGroup: Observation = { ...bloodPressure, subject: { reference: 'Group/g' } };
    expect(rowsOf(ofGroup, 'search_reference', 'patient')).toEqual([]);
  });

  it('never indexes _id and _lastUpdated (columns of resource)', () => {
    const rows = indexer.index({ resourceType: 'Patient', id: 'x', meta: { lastUpdated: '2020-01-01T00:00:00Z' } });
    expect([...rows.values()].flat().filter((r) => r[0] === '_id' || r[0] === '_lastUpdated')).toEqual([]);
  });
});

describe('one row per distinct value', () => {
  it('keeps a value found twice once, and values that differ only in type or absence apart', () => {
    const patient: Resource = {
      resourceType: 'Patient',
      name: [{ given: ['Ann'], family: 'Lee' }, { given: ['Ann'] }],
      identifier: [{ system: 'urn:s', value: 'null' }, { value: 'null' }, { system: 'urn:s', value: 'null' }],
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Ann Lee</div>' },
    } as Resource;
    expect(rowsOf(patient, 'search_string', 'name').filter((r) => r[4] === 'given')).toHaveLength(1);
    expect(rowsOf(patient, 'search_token', 'identifier').map((r) => [r[1], r[2]])).toEqual([
      ['urn:s', 'null'],
      [null, 'null'],
    ]);
    expect(rowsOf(patient, 'search_text', '_text')).toHaveLength(1);
    expect(rowsOf(patient, 'search_text', '_content')).toHaveLength(1);
  });
});

describe('search.html#date — values the validator accepts are indexed', () => {
  it('indexes a leap second (FHIR allows :60) as the first second of the next minute', () => {
    const observation: Observation = { ...bloodPressure, effectiveDateTime: '2016-12-31T23:59:60Z' };
    expect(rowsOf(observation, 'search_date', 'date')).toEqual([['date', '2017-01-01T00:00:00.000Z', '2017-01-01T00:00:01.000Z']]);
  });
});
