import { loadR4Definitions } from '../fhir/definitions/r4';
import { collectionSafe, expressionFor, SearchParameterRegistry } from './search-parameters';

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
});
