// The published R4 examples and Synthea's patients against our validator: https://hl7.org/fhir/R4/validation.html
// Data is read in place from ../shared/data (see its README); the suites skip when it is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Bundle, OperationOutcomeIssue } from 'fhir/r4';
import { ProfileRegistry } from './profile-registry';
import { ResourceValidator } from './resource-validator';

const DATA = resolve(__dirname, '../../../shared/data');
const EXAMPLES = join(DATA, 'r4-examples');
const SYNTHEA = join(DATA, 'synthea');

/**
 * The examples that are genuinely invalid against R4, with every error they get, checked by hand.
 * txt-2 (narrative.html#rules): "The narrative SHALL have some non-whitespace content"; these four
 * divs hold only whitespace (Questionnaire-zika… an empty <pre>).
 */
const EMPTY_NARRATIVE: Record<string, string> = {
  'ActivityDefinition-blood-tubes-supply.json': 'ActivityDefinition.text.div',
  'ActivityDefinition-heart-valve-replacement.json': 'ActivityDefinition.text.div',
  'EventDefinition-example.json': 'EventDefinition.text.div',
  'Questionnaire-zika-virus-exposure-assessment.json': 'Questionnaire.text.div',
};
/** Questionnaire.item.linkId is 1..1; the nested items of qs1 (32 of them) have none. */
const MISSING_LINK_IDS = 'Questionnaire-qs1.json';

const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const errorsOf = (issues: OperationOutcomeIssue[]) => issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
const describeIf = (folder: string) => {
  if (existsSync(folder)) return describe;
  console.warn(`Skipping: ${folder} is absent (see ../shared/data/README.md)`);
  return describe.skip;
};

let validator: ResourceValidator;
beforeAll(() => {
  validator = new ResourceValidator(new ProfileRegistry());
});

describeIf(EXAMPLES)('validation.html — the R4 examples', () => {
  const files = existsSync(EXAMPLES) ? readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort() : [];

  it('has every example this list names', () => {
    for (const file of [...Object.keys(EMPTY_NARRATIVE), MISSING_LINK_IDS]) expect(files).toContain(file);
  });

  it.each(files)('%s', (file) => {
    const errors = errorsOf(validator.validate(json(join(EXAMPLES, file)))).map((i) => [i.code, i.expression?.[0], i.diagnostics]);
    if (EMPTY_NARRATIVE[file]) {
      expect(errors).toEqual([['invariant', EMPTY_NARRATIVE[file], expect.stringMatching(/^Constraint txt-2 not met/)]]);
    } else if (file === MISSING_LINK_IDS) {
      expect(errors).toHaveLength(32);
      for (const [code, expression] of errors) {
        expect(code).toBe('required');
        expect(expression).toMatch(/^Questionnaire\.item\[0\](\.item\[\d+\])+\.linkId$/);
      }
    } else {
      expect(errors).toEqual([]);
    }
  });
});

describeIf(SYNTHEA)('validation.html — Synthea patients (every entry of every bundle)', () => {
  const files = existsSync(SYNTHEA) ? readdirSync(SYNTHEA).filter((f) => f.endsWith('.json')).sort() : [];

  it.each(files)('%s', (file) => {
    const bundle = json(join(SYNTHEA, file)) as Bundle;
    const errors = (bundle.entry ?? []).flatMap((entry) =>
      errorsOf(validator.validate(entry.resource)).map((i) => `${entry.fullUrl}: ${i.code} ${i.expression?.[0]} ${i.diagnostics}`),
    );
    expect(errors).toEqual([]);
  }, 60_000); // the largest bundle has 2,279 entries

  it('validates a whole transaction Bundle as one resource', () => {
    const bundle = json(join(SYNTHEA, files.find((f) => !f.startsWith('0-')) as string));
    expect(errorsOf(validator.validate(bundle, 'Bundle'))).toEqual([]);
  });
});
