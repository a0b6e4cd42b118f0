// Token matching: https://hl7.org/fhir/R4/search.html#token
// A token is a system and a code: Coding (system, code), CodeableConcept (each coding), Identifier (system, value),
// ContactPoint (value), and code, boolean, string, id and uri values (a code with no system). `:text` searches, as a
// string search, the text that goes with the code: CodeableConcept.text, Coding.display, Identifier.type.text.
import { foldCase } from './match-string';
import type { SearchNode } from './search-values';

interface Token {
  readonly system?: string;
  readonly code?: string;
  readonly texts: readonly string[];
}

type Json = Record<string, unknown> | undefined;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const texts = (...values: unknown[]) => values.filter((v): v is string => typeof v === 'string');

const coding = (c: Json): Token => ({ system: str(c?.system), code: str(c?.code), texts: texts(c?.display) });

export function tokensOf(node: SearchNode): Token[] {
  const v = node.value as Json;
  switch (node.type) {
    case 'Coding':
      return [coding(v)];
    case 'CodeableConcept':
      return [...((v?.coding as Json[] | undefined) ?? []).map(coding), { texts: texts(v?.text) }];
    case 'Identifier':
      return [{ system: str(v?.system), code: str(v?.value), texts: texts((v?.type as Json)?.text) }];
    case 'ContactPoint':
      return [{ code: str(v?.value), texts: [] }];
    default:
      return ['string', 'boolean', 'number'].includes(typeof node.value) ? [{ code: String(node.value), texts: [] }] : [];
  }
}

/** `code`, `system|code`, `|code` (system null) or `system|`. */
export function matchesToken(node: SearchNode, value: { system?: string | null; code?: string }): boolean {
  return tokensOf(node).some((t) => {
    if (t.code === undefined && t.system === undefined) return false;
    if (value.code !== undefined && t.code !== value.code) return false;
    if (value.system === null) return t.system === undefined;
    return value.system === undefined || t.system === value.system;
  });
}

export function matchesTokenText(node: SearchNode, text: string): boolean {
  return tokensOf(node).some((t) => t.texts.some((s) => foldCase(s).startsWith(foldCase(text))));
}

/** `:of-type`: the Identifier's type has the coding system|code, and its value is the value. */
export function matchesOfType(node: SearchNode, value: { system: string; code: string; value: string }): boolean {
  if (node.type !== 'Identifier') return false;
  const identifier = node.value as { type?: { coding?: { system?: string; code?: string }[] }; value?: string };
  return identifier.value === value.value && (identifier.type?.coding ?? []).some((c) => c.system === value.system && c.code === value.code);
}
