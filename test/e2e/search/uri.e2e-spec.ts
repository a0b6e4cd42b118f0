// URI search end to end: https://hl7.org/fhir/R4/search.html#uri (and _profile, _source)
import type { Patient, ValueSet } from 'fhir/r4';
import { startApp, type TestApp } from '../../support/start-app';
import { ids, putAll, search } from '../../support/search';

const valueSet = (id: string, url?: string): ValueSet => ({ resourceType: 'ValueSet', id, status: 'draft', ...(url && { url }) });
const q = encodeURIComponent;

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  await putAll(t, [
    valueSet('u-123', 'http://acme.org/fhir/ValueSet/123'),
    valueSet('u-1234', 'http://acme.org/fhir/ValueSet/1234'),
    valueSet('u-123-v5', 'http://acme.org/fhir/ValueSet/123/_history/5'),
    valueSet('u-fhir', 'http://acme.org/fhir'),
    valueSet('u-other', 'http://other.org/fhir/ValueSet/123'),
    valueSet('u-oid', 'urn:oid:1.2.3.4'),
    valueSet('u-percent', 'http://acme.org/a%25b_c'),
    valueSet('u-none'),
    {
      resourceType: 'Patient',
      id: 'u-profiled',
      meta: { profile: ['http://example.org/StructureDefinition/p1'], source: 'http://example.org/source#abc' },
    } as Patient,
    { resourceType: 'Patient', id: 'u-plain' } as Patient,
  ]);
});
afterAll(() => t.close());

describe('search.html#uri — exact, :below, :above', () => {
  it('matches the whole URI, case-sensitively', async () => {
    expect(await ids(t, `ValueSet?url=${q('http://acme.org/fhir/ValueSet/123')}`)).toEqual(['u-123']);
    expect(await ids(t, `ValueSet?url=${q('http://acme.org/fhir/valueset/123')}`)).toEqual([]);
    expect(await ids(t, `ValueSet?url=${q('http://acme.org/fhir/ValueSet/12')}`)).toEqual([]);
    expect(await ids(t, `ValueSet?url=${q('urn:oid:1.2.3.4')}`)).toEqual(['u-oid']);
  });

  it(':below matches the URI and what lies under it at a /', async () => {
    expect(await ids(t, `ValueSet?url:below=${q('http://acme.org/fhir/ValueSet/123')}`)).toEqual(['u-123', 'u-123-v5']);
    expect(await ids(t, `ValueSet?url:below=${q('http://acme.org/fhir/')}`)).toEqual(['u-123', 'u-123-v5', 'u-1234']);
    expect(await ids(t, `ValueSet?url:below=${q('http://acme.org/fh')}`)).toEqual([]);
  });

  it(':above matches the URI and its ancestors', async () => {
    expect(await ids(t, `ValueSet?url:above=${q('http://acme.org/fhir/ValueSet/123/_history/5')}`)).toEqual(['u-123', 'u-123-v5', 'u-fhir']);
    expect(await ids(t, `ValueSet?url:above=${q('http://acme.org/fhir/ValueSet/1234')}`)).toEqual(['u-1234', 'u-fhir']);
  });

  it('takes LIKE wildcards literally', async () => {
    expect(await ids(t, `ValueSet?url=${q('http://acme.org/a%25b_c')}`)).toEqual(['u-percent']);
    expect(await ids(t, `ValueSet?url:below=${q('http://acme.org/a%')}`)).toEqual([]);
    expect(await ids(t, `ValueSet?url:below=${q('http://acme.org')}`)).toEqual(['u-123', 'u-123-v5', 'u-1234', 'u-fhir', 'u-percent']);
  });

  it(':missing, and a 10,000-character URI', async () => {
    expect(await ids(t, 'ValueSet?url:missing=true')).toEqual(['u-none']);
    expect(await ids(t, `ValueSet?url=http://acme.org/${'x'.repeat(10_000)}`)).toEqual([]);
    expect(await ids(t, `ValueSet?url:above=http://acme.org/${'x/'.repeat(2_000)}`)).toEqual([]);
    expect((await search(t, 'ValueSet?url:contains=acme')).status).toBe(400);
  });
});

describe('search.html#all — _profile and _source', () => {
  it('searches meta.profile and meta.source as URIs', async () => {
    expect(await ids(t, `Patient?_profile=${q('http://example.org/StructureDefinition/p1')}`)).toEqual(['u-profiled']);
    expect(await ids(t, `Patient?_profile:below=${q('http://example.org/StructureDefinition')}`)).toEqual(['u-profiled']);
    expect(await ids(t, `Patient?_source=${q('http://example.org/source#abc')}`)).toEqual(['u-profiled']);
    expect(await ids(t, 'Patient?_profile:missing=true')).toEqual(['u-plain']);
  });
});
