// The write statements: head, history and index rows of resources in one statement (one round trip).
// Rows travel as parallel arrays that the server unnests, so N new resources cost one statement, not N.

/** New resources (version 1, or a create-on-update): $1 types, $2 ids, $3 versions, $4 lastUpdated, $5 contents, $6 methods, $7–$11 token rows. */
export const INSERT_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::text[], $6::text[]) AS x(resource_type, id, version_id, last_updated, content, method)
  ), w AS (
    INSERT INTO resource (resource_type, id, version_id, last_updated, deleted, content)
    SELECT resource_type, id, version_id, last_updated, content IS NULL, content FROM input
    ON CONFLICT ON CONSTRAINT resource_type_id_key DO NOTHING
    RETURNING rid, resource_type, id
  ), add_history AS (
    INSERT INTO resource_history (rid, version_id, resource_type, id, last_updated, method, content)
    SELECT w.rid, i.version_id, i.resource_type, i.id, i.last_updated, i.method, i.content FROM w JOIN input i USING (resource_type, id)
  ), add_tokens AS (
    INSERT INTO search_token (rid, resource_type, param, system, code)
    SELECT w.rid, w.resource_type, t.param, t.system, t.code
    FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) AS t(resource_type, id, param, system, code) JOIN w USING (resource_type, id)
  )
  SELECT count(*)::int AS written FROM w`;

/** The next version of one existing resource, only if it is still at $10: $1 type, $2 id, $3 version, $4 lastUpdated, $5 content, $6 method, $7–$9 token rows. */
export const UPDATE_SQL = `
  WITH w AS (
    UPDATE resource SET version_id = $3, last_updated = $4, deleted = $5::text IS NULL, content = $5
    WHERE resource_type = $1 AND id = $2 AND version_id = $10 RETURNING rid
  ), drop_tokens AS (
    DELETE FROM search_token WHERE rid IN (SELECT rid FROM w)
  ), add_tokens AS (
    INSERT INTO search_token (rid, resource_type, param, system, code)
    SELECT w.rid, $1, t.param, t.system, t.code FROM w, unnest($7::text[], $8::text[], $9::text[]) AS t(param, system, code)
  ), add_history AS (
    INSERT INTO resource_history (rid, version_id, resource_type, id, last_updated, method, content)
    SELECT w.rid, $3, $1, $2, $4, $6, $5 FROM w
  )
  SELECT count(*)::int AS written FROM w`;
