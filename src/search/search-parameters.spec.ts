import type { SearchParameter } from 'fhir/r4';
import { loadR4Definitions } from '../fhir/definitions/r4';
import { definitionHash, searchParameterIssues } from './custom-parameters';
import { borrowsRows, collectionSafe, expressionFor, SearchParameterRegistry } from './search-parameters';

describe('searchparameter.html — expressions', () => {
  it('keeps the union members of one type', () => {
    expect(expressionFor('Patient', 'Account.identifier | Patient.identifier | Practitioner.identifier')).toBe('Patient.identifier');
    expect(expressionFor('Observation', '(Observation.value as Quantity) | (Observation.value as SampledData)')).toBe('(Observation.value as Quantity) | (Observation.value as SampledData)');
    expect(expressionFor('Patient', 'Observation.subject')).toBeUndefined();
  });

  it('reads `as` on repeating elements as ofType', () => {
    expect(collectionSafe('(Observation.component.value as Quantity)')).toBe('(Observation.component.value.ofType(Quantity))');
    expect(collectionSafe('Condition.onset.as(Age) | Condition.onset as Range')).toBe('Condition.onset.ofType(Age) | Condition.onset.ofType(Range)');
  });

  it('reads `where(resolve() is Type)` from the reference itself (indexing resolves nothing)', () => {
    expect(collectionSafe('Observation.subject.where(resolve() is Patient)')).toBe(
      "Observation.subject.where(reference.matches('^(.*/)?Patient/[^/]+(/_history/[^/]+)?$') or type = 'Patient')",
    );
  });
});

describe('searchparameter.html — the registry', () => {
  const { resourceTypes, searchParameters } = loadR4Definitions();
  const registry = new SearchParameterRegistry(resourceTypes, searchParameters);

  it('gives composites their components, typed from the component definitions', () => {
    expect(registry.get('Observation', 'code-value-quantity')).toMatchObject({
      expression: 'Observation',
      components: [
        { type: 'token', expression: 'code' },
        { type: 'quantity', expression: 'value.ofType(Quantity)' },
      ],
    });
    expect(registry.get('Observation', 'combo-code-value-quantity')?.expression).toBe('Observation | Observation.component');
  });

  it('gives _text and _content the narrative and the resource', () => {
    expect(registry.get('Patient', '_text')?.expression).toBe('Patient.text.`div`');
    expect(registry.get('Patient', '_content')?.expression).toBe('Patient');
  });

  it('qualifies R4 expressions that omit the type', () => {
    expect(registry.get('InsurancePlan', 'name')?.expression).toBe('InsurancePlan.name | InsurancePlan.alias');
  });

  it('lets string parameters on a HumanName or Address part (or on the same element) share the rows of the whole', () => {
    const shared = (type: string) => Object.fromEntries(registry.all(type).filter((p) => p.type === 'string' && p.rows).map((p) => [p.code, p.rows]));
    expect(shared('Patient')).toEqual({
      name: { key: 'name' },
      phonetic: { key: 'name' },
      family: { key: 'name', part: 'family' },
      given: { key: 'name', part: 'given' },
      address: { key: 'address' },
      'address-city': { key: 'address', part: 'city' },
      'address-state': { key: 'address', part: 'state' },
      'address-postalcode': { key: 'address', part: 'postalCode' },
      'address-country': { key: 'address', part: 'country' },
    });
    expect(shared('InsurancePlan')['address-city']).toEqual({ key: 'address', part: 'city' });
    // Organization's name is name | alias, its phonetic the name alone: nothing in common.
    expect(shared('Organization').name).toBeUndefined();
    const all = resourceTypes.flatMap((type) => registry.all(type).filter((p) => p.type === 'string' && borrowsRows(p)));
    expect(all).toHaveLength(36);
  });

  it('lets token parameters on the ContactPoints of one system share the rows of all of them', () => {
    const shared = (type: string) => Object.fromEntries(registry.all(type).filter((p) => p.type === 'token' && p.rows).map((p) => [p.code, p.rows]));
    const telecom = { telecom: { key: 'telecom' }, phone: { key: 'telecom', part: 'phone' }, email: { key: 'telecom', part: 'email' } };
    for (const type of ['Patient', 'Practitioner', 'PractitionerRole', 'Person', 'RelatedPerson', 'OrganizationAffiliation']) expect(shared(type)).toEqual(telecom);
    // NamingSystem's telecom has no phone nor email beside it.
    expect(shared('NamingSystem')).toEqual({});
  });
});

describe('searchparameter.html — custom parameters', () => {
  const { resourceTypes, searchParameters } = loadR4Definitions();
  const nickname: SearchParameter = {
    resourceType: 'SearchParameter',
    url: 'http://example.org/sp/nickname',
    name: 'nickname',
    status: 'active',
    description: 'x',
    code: 'nickname',
    base: ['Patient'],
    type: 'string',
    expression: "Patient.name.where(use = 'nickname').given",
  };

  it('are indexed at once, searchable once indexed with the same definition, and gone when removed', () => {
    const registry = new SearchParameterRegistry(resourceTypes, searchParameters);
    const changed: string[][] = [];
    registry.onChange((types) => changed.push([...types]));
    const hash = definitionHash(nickname);
    registry.add(nickname, { hash, pending: true });
    expect(changed).toEqual([['Patient']]);
    expect(registry.get('Patient', 'nickname')).toBeUndefined();
    expect(registry.indexed('Patient').map((p) => p.code)).toContain('nickname');
    expect(registry.custom(['Patient'])).toEqual([{ resourceType: 'Patient', code: 'nickname', hash }]);
    registry.markIndexed([{ resourceType: 'Patient', code: 'nickname', hash: 'another definition' }]);
    expect(registry.get('Patient', 'nickname')).toBeUndefined();
    registry.markIndexed([{ resourceType: 'Patient', code: 'nickname', hash }]);
    expect(registry.get('Patient', 'nickname')?.expression).toBe("Patient.name.where(use = 'nickname').given");
    registry.add(nickname, { hash, pending: true });
    expect(registry.get('Patient', 'nickname')).toBeDefined();
    registry.remove(nickname);
    expect(registry.indexed('Patient').map((p) => p.code)).not.toContain('nickname');
  });

  it('are refused when the server could not index them', () => {
    const registry = new SearchParameterRegistry(resourceTypes, searchParameters);
    const issues = (sp: Partial<SearchParameter>) =>
      searchParameterIssues({ ...nickname, ...sp }, registry).map((i) => `${i.expression?.[0]}: ${i.code}`);
    expect(issues({})).toEqual([]);
    expect(issues({ status: 'retired', expression: '((' })).toEqual([]);
    expect(issues({ code: 'family' })).toEqual(['SearchParameter.code: business-rule']);
    // Others search the rows of Patient's name: it cannot be redefined (under its own url either).
    const name = searchParameters.find((sp) => sp.code === 'name' && sp.base?.includes('Patient')) as SearchParameter;
    expect(searchParameterIssues({ ...name, expression: 'Patient.name.text' }, registry).map((i) => i.code)).toEqual(['not-supported']);
    expect(issues({ code: '_x' })).toEqual(['SearchParameter.code: invalid']);
    expect(issues({ base: ['Nope' as 'Patient'] })).toEqual(['SearchParameter.base[0]: invalid']);
    expect(issues({ type: 'special' })).toEqual(['SearchParameter.type: not-supported']);
    expect(issues({ expression: undefined })).toEqual(['SearchParameter.expression: required']);
    expect(issues({ expression: 'Patient.name.((' })).toEqual(['SearchParameter.expression: invalid']);
    // It would run on every Patient write: a pattern that can backtrack for minutes is refused, a plain one is not.
    expect(issues({ expression: "Patient.name.family.where($this.matches('^(a+)+$'))" })).toEqual(['SearchParameter.expression: not-supported']);
    expect(issues({ expression: "Patient.name.family.where($this.matches('^[A-Z][a-z]+$'))" })).toEqual([]);
    const component = (expression: string) => ({ definition: 'http://hl7.org/fhir/SearchParameter/Patient-family', expression });
    expect(issues({ type: 'composite', expression: 'Patient.name', component: [component('family'), component("given.where(matches('^[a-z]+$'))")] })).toEqual([]);
    expect(issues({ type: 'composite', expression: 'Patient.name', component: [component('family'), component("given.where(matches('(a|a)*b'))")] })).toEqual([
      'SearchParameter.component[1].expression: not-supported',
    ]);
  });
});
