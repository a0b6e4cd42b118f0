// Where R4's invariant expressions and fhirpath.js disagree: https://hl7.org/fhir/R4/fhirpath.html#functions
// Each adaptation keeps the meaning the R4 publication gives the invariant (its examples pass the HL7
// validator); without them valid resources would be refused.
import type { UserInvocationTable } from 'fhirpath';

/**
 * eld-19's regular expression escapes `'` and `:`; fhirpath.js compiles it in JavaScript's unicode
 * mode, which rejects those escapes, so every StructureDefinition would fail. Unescaped they mean the same.
 *
 * que-7 reads `answer is Boolean`: fhirpath.js, strictly, does not count a FHIR `boolean` (answerBoolean)
 * as a System Boolean, so every valid enableWhen with operator exists would fail; the FHIR type is `boolean`.
 * (dom-3, whose R4 expression applies as() to a collection, is checked natively: contained-references.ts.)
 */
export function adaptExpression(expression: string): string {
  return expression
    .replaceAll('is Boolean', 'is boolean')
    .replaceAll("\\\\\\'", "\\'")
    .replaceAll('\\\\:', ':');
}

/**
 * resolve() (ctm-1) would fetch the referenced resource; validation does no I/O, so nothing resolves,
 * as in the HL7 validator without a resolver: `member.resolve().iif(empty(), true, …)` then holds.
 */
export const USER_FUNCTIONS: UserInvocationTable = {
  resolve: { fn: () => [], arity: { 0: [] } },
};

/**
 * txt-1 (allowed XHTML) and txt-2 (some non-whitespace content) share the expression htmlChecks(),
 * which tests both: an empty narrative would break both. Each is given back its own meaning.
 */
export function narrativeCheck(key: string, htmlChecks: (div: string) => unknown[]): ((div: unknown) => unknown[]) | undefined {
  if (key === 'txt-2') return (div) => (typeof div === 'string' ? [hasContent(div)] : []);
  // With content guaranteed, htmlChecks() only judges the markup.
  if (key === 'txt-1') return (div) => (typeof div === 'string' ? htmlChecks(div.replace(/<\/div>\s*$/, ' x</div>')) : []);
  return undefined;
}

/** R4 txt-2's XPath: `descendant::text()[normalize-space(.) != ''] or descendant::h:img[@src]`. */
function hasContent(div: string): boolean {
  const text = div.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '');
  return /[^ \t\r\n]/.test(text) || /<img\b[^>]*\ssrc\s*=/.test(div);
}
