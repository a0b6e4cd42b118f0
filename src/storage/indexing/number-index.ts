// Number index values: https://hl7.org/fhir/R4/search.html#number
// A decimal or integer is the point [v, v]; a Range (e.g. RiskAssessment.prediction.probability) is [low, high]
// with a missing bound unbounded.
import type { Extractor } from './extractor';

type Json = Record<string, unknown>;

const bound = (q: unknown, open: '-Infinity' | 'Infinity'): string => {
  const v = (q as Json | undefined)?.value;
  return typeof v === 'number' ? String(v) : open;
};

export const numberExtractor: Extractor = {
  table: 'search_number',
  extract(param, node, rows) {
    if (typeof node === 'number') {
      rows.push([param, String(node), String(node)]);
    } else if (typeof node === 'object' && node !== null && ('low' in node || 'high' in node)) {
      const { low, high } = node as Json;
      if (low !== undefined || high !== undefined) rows.push([param, bound(low, '-Infinity'), bound(high, 'Infinity')]);
    }
  },
};
