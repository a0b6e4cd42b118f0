// Escaping in search values: https://hl7.org/fhir/R4/search.html#escaping

/** Splits on `sep` except where escaped with `\`; the parts keep their escapes (see `unescape`). */
export function splitEscaped(value: string, sep: string): string[] {
  // Most values hold no escape at all: a plain split gives the same parts.
  if (!value.includes('\\')) return value.split(sep);
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

export const unescape = (s: string) => (s.includes('\\') ? s.replace(/\\([,|$\\])/g, '$1') : s);

/** The comma-separated alternatives of a value, unescaped. */
export const alternatives = (raw: string) => splitEscaped(raw, ',').map(unescape);
