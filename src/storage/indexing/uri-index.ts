// URI index values: https://hl7.org/fhir/R4/search.html#uri (uri, url, canonical, oid, uuid: all strings).
import type { Extractor } from './extractor';
import { indexable } from './index-tables';

export const uriExtractor: Extractor = {
  table: 'search_uri',
  extract(param, node, rows) {
    if (typeof node === 'string' && node !== '') rows.push([param, indexable(node)]);
  },
};
