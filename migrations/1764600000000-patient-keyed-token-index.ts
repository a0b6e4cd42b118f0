import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Observation?patient=X&code=Y`, the commonest search of a patient-facing app, found X's rows (hundreds of
 * Observations), then probed the code index once for each. search_token rows now carry the Patient their resource's
 * `patient` parameter names (patientOf in src/storage/indexing/index-tables.ts: the id, '' when several, NULL when
 * none), and this index finds one patient's rows of one code in one range. Only rows with a patient enter it, so
 * writes of resources outside any patient's records (Patient itself, Practitioner, terminology…) pay nothing.
 * Existing rows get the column from their resource's reference rows.
 */
export class PatientKeyedTokenIndex1764600000000 implements MigrationInterface {
  name = 'PatientKeyedTokenIndex1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_token ADD COLUMN patient text`);
    await q.query(`
      UPDATE search_token t SET patient = p.patient
      FROM (
        SELECT rid, CASE WHEN count(DISTINCT target_id) = 1 THEN min(target_id) ELSE '' END AS patient
        FROM search_reference WHERE param = 'patient' AND target_type = 'Patient' AND url IS NULL GROUP BY rid
      ) p
      WHERE t.rid = p.rid`);
    await q.query(`CREATE INDEX search_token_patient_idx ON search_token (resource_type, param, patient, code_key, rid) INCLUDE (system_key) WHERE patient IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX search_token_patient_idx`);
    await q.query(`ALTER TABLE search_token DROP COLUMN patient`);
  }
}
