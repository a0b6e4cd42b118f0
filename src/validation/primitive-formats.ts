// Primitive value domains: https://hl7.org/fhir/R4/datatypes.html#primitive
// Each string-based type's regex is the one R4 publishes on its StructureDefinition (the `value` element's
// regex extension), compiled once; numbers are checked for integrality and range. The two rules that go
// beyond the regexes (non-whitespace content, at most 1 MB) are the ones the medplum validator applied,
// which clients already depend on.
import type { OperationOutcomeIssue, StructureDefinition } from 'fhir/r4';
import { issue } from '../fhir/outcome';

const REGEX_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/regex';
/** datatypes.html#string: "strings SHALL NOT exceed 1MB in size". */
const MAX_STRING = 1024 * 1024;
/** datatypes.html#integer: a 32-bit signed integer. */
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
/**
 * datatypes.html#code: "no whitespace other than single spaces in the contents"; the published regex
 * (`\s` between tokens) lets a tab or a newline through, the prose (and medplum before us) did not.
 */
const CODE = /^[^\s]+( [^\s]+)*$/;
/** Types whose JSON form is a number (json.html#primitive): their regexes describe the XML text, not a JSON number. */
const NUMERIC = new Set(['decimal', 'integer', 'positiveInt', 'unsignedInt']);

export class PrimitiveFormats {
  private readonly regexes = new Map<string, RegExp>();

  constructor(structureDefinitions: ReadonlyMap<string, StructureDefinition>) {
    for (const sd of structureDefinitions.values()) {
      if (sd.kind !== 'primitive-type' || NUMERIC.has(sd.id as string)) continue;
      const value = sd.snapshot?.element.find((e) => e.path === `${sd.id}.value`);
      const source = value?.type?.[0]?.extension?.find((x) => x.url === REGEX_EXTENSION)?.valueString;
      // The published regexes are unanchored (XML Schema patterns match the whole value).
      if (source) this.regexes.set(sd.id as string, new RegExp(`^(?:${fromXmlSchema(source)})$`));
    }
    this.regexes.set('code', CODE);
  }

  /** Checks a value whose JSON type is already right for `type`; '' is reported by the walker before. */
  check(value: string | number | boolean, type: string, path: string, issues: OperationOutcomeIssue[]): void {
    if (typeof value === 'string') this.string(value, type, path, issues);
    else if (typeof value === 'number') number(value, type, path, issues);
  }

  private string(value: string, type: string, path: string, issues: OperationOutcomeIssue[]): void {
    if (!/\S/.test(value)) {
      issues.push(issue('value', 'String must contain non-whitespace content', path));
      return;
    }
    if (value.length > MAX_STRING) {
      issues.push(issue('value', 'String cannot be larger than 1 MB', path));
      return;
    }
    const regex = this.regexes.get(type);
    if (regex && !matches(regex, value)) issues.push(issue('value', `Invalid ${type} format`, path));
  }
}

function number(value: number, type: string, path: string, issues: OperationOutcomeIssue[]): void {
  if (!Number.isFinite(value)) {
    issues.push(issue('value', 'Invalid numeric value', path));
    return;
  }
  if (type === 'decimal') return;
  if (!Number.isInteger(value)) issues.push(issue('value', 'Expected number to be an integer', path));
  else if (value < INT_MIN || value > INT_MAX) issues.push(issue('value', 'Expected number to be a 32-bit integer', path));
  else if (type === 'positiveInt' && value <= 0) issues.push(issue('value', 'Expected number to be positive', path));
  else if (type === 'unsignedInt' && value < 0) issues.push(issue('value', 'Expected number to be non-negative', path));
}

/** Everything but XML Schema's four spaces (https://www.w3.org/TR/xmlschema-2/#regexs: \s is space, tab, CR, LF). */
const XSD_NON_SPACE = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u0021-\\uffff';

/**
 * The R4 regexes are XML Schema patterns, whose \s is narrower than JS's (which adds NBSP and the other
 * Unicode spaces). Read the JS way they are stricter, as medplum's were: a uri, id or code holding a
 * no-break space stays refused. The exception is `\S` inside a class: `[ \r\n\t\S]+` (string, markdown)
 * means "any character" in XML Schema, and the JS reading would refuse a no-break space in a name.
 */
function fromXmlSchema(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[++i];
      out += next === 'S' && inClass ? XSD_NON_SPACE : c + next;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}

/** A regex with nested repetition can exhaust V8's backtracking stack on a huge value: that value is not judged. */
function matches(regex: RegExp, value: string): boolean {
  try {
    return regex.test(value);
  } catch {
    return true;
  }
}
