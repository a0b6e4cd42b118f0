// The TypeORM entities describe the tables the migrations create: nothing for TypeORM to change (no drift).
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/storage/data-source-options';
import { suiteDatabase } from '../support/test-database';

it('entities and migrations agree on every table TypeORM maps', async () => {
  const database = await suiteDatabase();
  const dataSource = new DataSource({ ...dataSourceOptions(database.url, 1), migrationsRun: false, logging: false });
  await dataSource.initialize();
  try {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
});
