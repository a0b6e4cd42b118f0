// History SQL (https://hl7.org/fhir/R4/http.html#history): newest first, keyset-paged on (last_updated, rid, version_id),
// over `resource_version`: the replaced versions (resource_history) and the current ones (resource).
import type { HistoryQuery } from '../interactions/resource-store';
import { SqlParams } from './search-sql/sql-params';

export function historyQuery(query: HistoryQuery): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const where: string[] = [];
  if (query.id !== undefined) {
    where.push(`h.rid = (SELECT rid FROM resource WHERE resource_type = ${p.add(query.resourceType)} AND id = ${p.add(query.id)})`);
  } else if (query.resourceType !== undefined) {
    where.push(`h.resource_type = ${p.add(query.resourceType)}`);
  }
  if (query.since) where.push(`h.last_updated >= ${p.add(query.since)}`);
  if (query.at) {
    // current at some point of [start, end): written before its end, not replaced before its start
    where.push(`h.last_updated < ${p.add(query.at.end)}`);
    where.push(`NOT EXISTS (SELECT 1 FROM resource_version n WHERE n.rid = h.rid AND n.version_id = h.version_id + 1 AND n.last_updated <= ${p.add(query.at.start)})`);
  }
  if (query.before) {
    const [rid, versionId] = query.before.key.split('.');
    where.push(`(h.last_updated, h.rid, h.version_id) < (${p.add(query.before.lastUpdated)}::timestamptz, ${p.add(rid)}::bigint, ${p.add(versionId)}::int)`);
  }
  const sql = `SELECT h.rid, h.resource_type, h.id, h.version_id, h.last_updated, h.content IS NULL AS deleted, h.content, h.method
    FROM resource_version h ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY h.last_updated DESC, h.rid DESC, h.version_id DESC LIMIT ${p.add(query.count + 1)}`;
  return { sql, params: p.values };
}
