import { collectionSafe, expressionFor } from './search-parameters';

describe('searchparameter.html — expressions', () => {
  it('keeps the union members of one type', () => {
    expect(expressionFor('Patient', 'Account.identifier | Patient.identifier | Practitioner.identifier')).toBe('Patient.identifier');
    expect(expressionFor('Observation', '(Observation.value as Quantity) | (Observation.value as SampledData)')).toBe('(Observation.value as Quantity) | (Observation.value as SampledData)');
    expect(expressionFor('Patient', 'Observation.subject')).toBeUndefined();
  });

  it('reads `as` on repeating elements as ofType', () => {
    expect(collectionSafe('(Observation.component.value as Quantity)')).toBe('(Observation.component.value.ofType(Quantity))');
    expect(collectionSafe('Condition.onset.as(Age) | Condition.onset as Range')).toBe('Condition.onset.ofType(Age) | Condition.onset.ofType(Range)');
    expect(collectionSafe('Observation.subject.where(resolve() is Patient)')).toBe('Observation.subject.where(resolve() is Patient)');
  });
});
