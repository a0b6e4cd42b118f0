import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles, importUnits } from './import-sources';

describe('npm run import — sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ignis-import-'));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } }] }));
  writeFileSync(join(dir, '0-a.json'), JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [] }));
  const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify(i % 2 ? { resourceType: 'Patient', id: `p${i}` } : { resourceType: 'Observation' }));
  writeFileSync(join(dir, 'c.ndjson'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'notes.txt'), 'ignored');

  it('reads a folder in sorted order, Bundles and NDJSON only', () => {
    expect(importFiles([dir]).map((f) => f.slice(dir.length + 1))).toEqual(['0-a.json', 'b.json', 'c.ndjson']);
  });

  it('cuts NDJSON into transactions: PUT where a resource has an id, POST otherwise', () => {
    const units = [...importUnits(join(dir, 'c.ndjson'), 2)];
    expect(units.map((u) => u.resources)).toEqual([2, 2, 1]);
    expect(units[0].bundle.type).toBe('transaction');
    expect(units[0].bundle.entry?.map((e) => e.request)).toEqual([{ method: 'POST', url: 'Observation' }, { method: 'PUT', url: 'Patient/p1' }]);
  });
});
