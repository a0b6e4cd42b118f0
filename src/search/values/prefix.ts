// Prefixes of ordered values (number, date, quantity): https://hl7.org/fhir/R4/search.html#prefix
export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

const PREFIX = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)/;

/** `ge2020` → ['ge', '2020']; no prefix means `eq`. Values of these types never start with a letter, so this is unambiguous. */
export function splitPrefix(raw: string): [Prefix, string] {
  const m = PREFIX.exec(raw);
  return m ? [m[1] as Prefix, raw.slice(2)] : ['eq', raw];
}
