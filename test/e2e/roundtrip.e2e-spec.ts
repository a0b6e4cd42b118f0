// What goes in comes back: every official R4 example and every Synthea resource is created, read back and
// compared (equal apart from meta.versionId/lastUpdated and the server-assigned id).
import type { Resource } from 'fhir/r4';
import { FHIR_JSON, startApp, type TestApp } from '../support/start-app';
import { r4Examples, sharedDataAvailable, syntheaBundles } from '../support/fhir-data';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t.close());

/** Official examples that break R4 rules themselves; each is refused, naming the broken rule. */
const KNOWN_INVALID: Record<string, { status: number; expression: string }> = {
  // linkId is 1..1 in R4; these nested items have none
  'Questionnaire-qs1.json': { status: 400, expression: 'Questionnaire.item[0].item[0].linkId' },
  // txt-2: the narrative SHALL have some non-whitespace content; these divs hold only whitespace
  'ActivityDefinition-blood-tubes-supply.json': { status: 400, expression: 'ActivityDefinition.text.div' },
  'ActivityDefinition-heart-valve-replacement.json': { status: 400, expression: 'ActivityDefinition.text.div' },
  'EventDefinition-example.json': { status: 400, expression: 'EventDefinition.text.div' },
  'Questionnaire-zika-virus-exposure-assessment.json': { status: 400, expression: 'Questionnaire.text.div' },
};

function comparable(resource: Resource): Resource {
  const { id: _id, meta, ...rest } = resource;
  const { versionId: _v, lastUpdated: _l, ...keptMeta } = meta ?? {};
  return (Object.keys(keptMeta).length ? { ...rest, meta: keptMeta } : rest) as Resource;
}

/** Creates and reads back, `concurrency` at a time; returns the failures as text. */
async function roundTrip(items: [string, Resource][], concurrency = 8): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const [name, resource] = items[next++];
      const created = await t.http.post(`/fhir/${resource.resourceType}`).set('content-type', FHIR_JSON).send(JSON.stringify(resource));
      if (created.status !== 201) {
        failures.push(`${name}: create ${created.status} ${created.text.slice(0, 300)}`);
        continue;
      }
      const id = JSON.parse(created.text).id;
      const read = await t.http.get(`/fhir/${resource.resourceType}/${id}`);
      try {
        expect(comparable(JSON.parse(read.text))).toEqual(comparable(resource));
      } catch {
        failures.push(`${name}: read back differs`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

const examples = sharedDataAvailable('r4-examples') ? r4Examples() : [];
const describeExamples = examples.length ? describe : describe.skip;

describeExamples('round trip of the official R4 examples', () => {
  it('stores and returns every valid example unchanged', async () => {
    const failures = await roundTrip(examples.filter(([f]) => !KNOWN_INVALID[f]));
    expect(failures).toEqual([]);
  }, 120_000);

  it.each(Object.entries(KNOWN_INVALID))('refuses %s, naming the fault', async (file, expected) => {
    const resource = examples.find(([f]) => f === file)?.[1] as Resource;
    const res = await t.http.post(`/fhir/${resource.resourceType}`).set('content-type', FHIR_JSON).send(JSON.stringify(resource));
    expect(res.status).toBe(expected.status);
    expect(JSON.parse(res.text).issue.flatMap((i: { expression?: string[] }) => i.expression ?? [])).toContain(expected.expression);
  });

  it('refuses invalid variants with the right issue', async () => {
    const patient = examples.find(([f]) => f === 'Patient-example.json')?.[1] as Resource & Record<string, unknown>;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...patient, birthDate: '1974-02-30' }, 'Patient.birthDate', 'value'],
      [{ ...patient, gender: 'robot' }, 'Patient.gender', 'code-invalid'],
      [{ ...patient, active: 'yes' }, 'Patient.active', 'value'],
      [{ ...patient, unknownElement: 1 }, 'Patient.unknownElement', 'structure'],
    ];
    for (const [body, expression] of cases) {
      const res = await t.http.post('/fhir/Patient').set('content-type', FHIR_JSON).send(JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).issue.flatMap((i: { expression?: string[] }) => i.expression ?? [])).toContain(expression);
    }
  });
});

const bundles = sharedDataAvailable('synthea') ? syntheaBundles() : [];
const describeSynthea = bundles.length ? describe : describe.skip;

describeSynthea('round trip of the Synthea resources', () => {
  it('stores and returns every resource of every bundle unchanged', async () => {
    const resources: [string, Resource][] = bundles.flatMap(([file, bundle]) => (bundle.entry ?? []).map((e, i) => [`${file}#${i}`, e.resource as Resource] as [string, Resource]));
    expect(resources.length).toBeGreaterThan(30_000);
    const failures = await roundTrip(resources);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 600_000);
});
