// The two ceilings: bare node:http + pg servers doing one primary-key SELECT, or one INSERT, per request.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { withClient } from './database';
import { makePatient } from './workloads/patient';
import { FHIR_JSON, type Seeded } from './workloads/workload';

export type CeilingKind = 'read' | 'insert';

/** Connections of each ceiling's pool; Ignis gets the same through DB_POOL_SIZE so neither has more. */
export const POOL_SIZE = 10;

/**
 * (Re)creates `ceiling_resource` and preloads `count` Patients (ids are uuids, as Ignis makes them) for the read
 * ceiling. Dropped first: the search bench keeps its database from one run to the next.
 */
export async function prepareCeilingTable(url: string, count: number): Promise<Seeded[]> {
  const pool: Seeded[] = Array.from({ length: count }, (_, index) => ({ id: randomUUID(), versionId: '1', index }));
  await withClient(url, async (c) => {
    await c.query('DROP TABLE IF EXISTS ceiling_resource');
    await c.query('CREATE TABLE ceiling_resource (id text PRIMARY KEY, content jsonb NOT NULL)');
    // One statement per 500 rows keeps parameters small and the preload to a few round-trips.
    for (let i = 0; i < count; i += 500) {
      const rows = pool.slice(i, i + 500);
      await c.query('INSERT INTO ceiling_resource (id, content) SELECT * FROM unnest($1::text[], $2::jsonb[])', [
        rows.map((r) => r.id),
        rows.map((r) => JSON.stringify(makePatient(r.index, r.id))),
      ]);
    }
    await c.query('ANALYZE ceiling_resource');
  });
  return pool;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': FHIR_JSON, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

/**
 * The least a server can do for the request: read → one SELECT by primary key, the JSON sent as
 * PostgreSQL renders it; insert → parse the body (to set its id), one INSERT (default, durable commit),
 * answer 201 with Location and the stored JSON. Both are named statements, prepared once per connection
 * and then only bound and run, as a tuned server would. No framework, no validation, no history.
 */
export function serveCeiling(kind: CeilingKind, databaseUrl: string, port: number): Promise<() => Promise<void>> {
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    if (url === '/readyz') {
      await pool.query('SELECT 1');
      return send(res, 200, '{"status":"ok"}');
    }
    if (kind === 'read' && req.method === 'GET') {
      const id = url.slice(url.lastIndexOf('/') + 1);
      // content::text: PostgreSQL renders the JSON, and node passes it through without parsing it.
      const { rows } = await pool.query<{ content: string }>({ name: 'ceiling_read', text: 'SELECT content::text AS content FROM ceiling_resource WHERE id = $1', values: [id] });
      return rows[0] ? send(res, 200, rows[0].content) : send(res, 404, '{}');
    }
    if (kind === 'insert' && req.method === 'POST') {
      const id = randomUUID();
      const json = JSON.stringify({ ...(JSON.parse(await readBody(req)) as object), id });
      await pool.query({ name: 'ceiling_insert', text: 'INSERT INTO ceiling_resource (id, content) VALUES ($1, $2)', values: [id, json] });
      return send(res, 201, json, { location: `http://127.0.0.1:${port}/fhir/Patient/${id}/_history/1` });
    }
    send(res, 404, '{}');
  };
  const server = createServer((req, res) => {
    // Any failure becomes a 500, which the bench counts as non-2xx rather than hiding.
    handle(req, res).catch((err: unknown) => send(res, 500, JSON.stringify({ error: String(err) })));
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () =>
      done(async () => {
        server.closeAllConnections();
        await new Promise((closed) => server.close(closed));
        await pool.end();
      }),
    );
  });
}

// Run as a child process (`node ceiling.js read|insert`, DATABASE_URL, PORT) so that autocannon in
// the parent does not share the event loop with the server it measures.
if (require.main === module) {
  const kind = process.argv[2];
  const databaseUrl = process.env.DATABASE_URL;
  const port = Number(process.env.PORT);
  if ((kind !== 'read' && kind !== 'insert') || !databaseUrl || !port) {
    console.error('usage: DATABASE_URL=… PORT=… node ceiling.js read|insert');
    process.exit(2);
  }
  void serveCeiling(kind, databaseUrl, port).then((stop) => {
    process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  });
}
