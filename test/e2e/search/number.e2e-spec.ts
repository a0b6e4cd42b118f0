// Number search end to end: https://hl7.org/fhir/R4/search.html#number and #prefix
import type { RiskAssessment } from 'fhir/r4';
import { sharedDataAvailable } from '../../support/fhir-data';
import { ids, putAll, r4Example, search } from '../../support/search';
import { startApp, type TestApp } from '../../support/start-app';

// RiskAssessment.prediction.probability: cardiac 0.02; genetic 0.000168 … 0.001663; riskexample 0.000368;
// breastcancer-risk, population and prognosis have none.
const EXAMPLES = ['breastcancer-risk', 'cardiac', 'genetic', 'population', 'prognosis', 'riskexample'];
const ranged: RiskAssessment = {
  resourceType: 'RiskAssessment',
  id: 'n-range',
  status: 'final',
  subject: { reference: 'Patient/example' },
  prediction: [{ probabilityRange: { low: { value: 0.1 }, high: { value: 0.3 } } }],
};
const describeWithData = sharedDataAvailable('r4-examples') ? describe : describe.skip;

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  await putAll(t, [...EXAMPLES.map((id) => r4Example<RiskAssessment>(`RiskAssessment-${id}.json`)), ranged]);
});
afterAll(() => t.close());

describeWithData('search.html#number — eq is the implicit range of the precision', () => {
  it('100 means [99.5, 100.5): the digits written set the precision', async () => {
    expect(await ids(t, 'RiskAssessment?probability=0.02')).toEqual(['cardiac']);
    expect(await ids(t, 'RiskAssessment?probability=0.020')).toEqual(['cardiac']);
    expect(await ids(t, 'RiskAssessment?probability=0.0200001')).toEqual([]);
    expect(await ids(t, 'RiskAssessment?probability=2e-2')).toEqual(['cardiac']);
    expect(await ids(t, 'RiskAssessment?probability=0.0004')).toEqual(['genetic', 'riskexample']);
    expect(await ids(t, 'RiskAssessment?probability=0.000368')).toEqual(['genetic', 'riskexample']);
    expect(await ids(t, 'RiskAssessment?probability=0.02,0.000168')).toEqual(['cardiac', 'genetic']);
  });

  it('a Range is equal only when the search range contains it', async () => {
    expect(await ids(t, 'RiskAssessment?probability=0.2')).toEqual([]);
    // 0 is [-0.5, 0.5), which holds the Range; 0.0 is [-0.05, 0.05), which does not
    expect(await ids(t, 'RiskAssessment?probability=0')).toEqual(['cardiac', 'genetic', 'n-range', 'riskexample']);
    expect(await ids(t, 'RiskAssessment?probability=0.0')).toEqual(['cardiac', 'genetic', 'riskexample']);
  });
});

describeWithData('search.html#prefix — on numbers', () => {
  it('gt, lt, ge, le compare with the value exactly', async () => {
    expect(await ids(t, 'RiskAssessment?probability=gt0.02')).toEqual(['n-range']);
    expect(await ids(t, 'RiskAssessment?probability=ge0.02')).toEqual(['cardiac', 'n-range']);
    expect(await ids(t, 'RiskAssessment?probability=lt0.0002')).toEqual(['genetic']);
    expect(await ids(t, 'RiskAssessment?probability=le0.000368')).toEqual(['genetic', 'riskexample']);
    expect(await ids(t, 'RiskAssessment?probability=gt-5')).toEqual(['cardiac', 'genetic', 'n-range', 'riskexample']);
  });

  it('a Range is greater when its top is, less when its bottom is', async () => {
    expect(await ids(t, 'RiskAssessment?probability=gt0.25&probability=lt0.15')).toEqual(['n-range']);
  });

  it('ne is outside the implicit range (any value of the resource)', async () => {
    expect(await ids(t, 'RiskAssessment?probability=ne0.02')).toEqual(['genetic', 'n-range', 'riskexample']);
  });

  it('sa and eb: wholly above or below the value', async () => {
    expect(await ids(t, 'RiskAssessment?probability=sa0.05')).toEqual(['n-range']);
    expect(await ids(t, 'RiskAssessment?probability=eb0.0002')).toEqual(['genetic']);
    expect(await ids(t, 'RiskAssessment?probability=sa0.2')).toEqual([]);
  });

  it('ap is within 10% of the value', async () => {
    expect(await ids(t, 'RiskAssessment?probability=ap0.021')).toEqual(['cardiac']);
    expect(await ids(t, 'RiskAssessment?probability=ap0.023')).toEqual([]);
    expect(await ids(t, 'RiskAssessment?probability=ap0.2')).toEqual(['n-range']);
  });
});

describeWithData('search.html#missing and hostile values', () => {
  it(':missing', async () => {
    expect(await ids(t, 'RiskAssessment?probability:missing=true')).toEqual(['breastcancer-risk', 'population', 'prognosis']);
    expect(await ids(t, 'RiskAssessment?probability:missing=false')).toEqual(['cardiac', 'genetic', 'n-range', 'riskexample']);
  });

  it.each([['abc'], ['1,2x'], ['0x10'], ['1e99999'], ['a 10,000-digit number'], ['zz5'], ['1.']])('refuses %s with a 400', async (name) => {
    const value = name.startsWith('a 10,000') ? '1'.repeat(10_000) : name;
    const res = await search(t, `RiskAssessment?probability=${value}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).issue[0]).toMatchObject({ code: 'invalid', expression: ['probability'] });
  });

  it('answers huge and tiny values without error', async () => {
    expect(await ids(t, 'RiskAssessment?probability=gt1e300')).toEqual([]);
    expect(await ids(t, 'RiskAssessment?probability=lt-1e300')).toEqual([]);
    expect(await ids(t, `RiskAssessment?probability=0.${'0'.repeat(500)}1`)).toEqual([]);
  });
});
