// The regular expressions of FHIRPath expressions stored on the server (fhirpath.ts, regexCheck).
import { regexCheck } from './fhirpath';

describe('regexCheck', () => {
  const unsafeRegex = (expression: string) => regexCheck()(expression);

  it('lets expressions without matches() or replaceMatches() through', () => {
    expect(unsafeRegex("Patient.name.where(use = 'official').family")).toBeUndefined();
    expect(unsafeRegex("Observation.code.coding.where(system = 'matches(')")).toBeUndefined();
  });

  it('lets literal patterns without nested quantifiers through, escapes read as FHIRPath writes them', () => {
    expect(unsafeRegex("Patient.telecom.value.matches('^[0-9 +]{6,20}$')")).toBeUndefined();
    expect(unsafeRegex("id.replaceMatches('\\\\d', 'x')")).toBeUndefined();
    expect(unsafeRegex("code.`matches`('it\\'s')")).toBeUndefined();
  });

  it('refuses patterns that can backtrack without bound or cannot be read, and patterns that are not literals', () => {
    expect(unsafeRegex("name.family.all($this.matches('^(a+)+$'))")).toContain('backtrack');
    expect(unsafeRegex("name.given.replaceMatches('(x*)*y', '')")).toContain('backtrack');
    // Overlapping alternatives under a star: no nested quantifier, yet 0.7 s on 26 characters in V8.
    expect(unsafeRegex("name.family.matches('^[a-z]+$') and name.given.matches('(a|a)*b')")).toContain('backtrack');
    expect(unsafeRegex("name.family.matches('(')")).toContain('backtrack');
    expect(unsafeRegex('name.family.matches(name.given.first())')).toContain('string literal');
  });

  it('shares one time budget across the expressions it checks: what is left unchecked is refused', () => {
    const spent = regexCheck(0);
    expect(spent("id.matches('^[a-z]+$')")).toContain('took too long');
    expect(spent("Patient.name.where(use = 'official').family")).toBeUndefined();
  });
});
