// Every migration, in order. TypeORM runs the pending ones at start-up (and `npm run migration:run`).
import { CreateResourceTables1764064800000 } from './1764064800000-create-resource-tables';
import { CreateTokenIndexTable1764064900000 } from './1764064900000-create-token-index-table';
import { IndexResourcesByTypeAndRid1764064950000 } from './1764064950000-index-resources-by-type-and-rid';
import { CreateSearchTablesForEveryParameterType1764070000000 } from './1764070000000-create-search-tables-for-every-parameter-type';
import { CreateReindexTables1764300000000 } from './1764300000000-create-reindex-tables';
import { IndexOnlySearchKeys1764400000000 } from './1764400000000-index-only-search-keys';
import { FullTextLexemes1764500000000 } from './1764500000000-full-text-lexemes';
import { PatientKeyedTokenIndex1764600000000 } from './1764600000000-patient-keyed-token-index';
import { SharedStringRows1764700000000 } from './1764700000000-shared-string-rows';
import { CoveringDateProbes1764800000000 } from './1764800000000-covering-date-probes';
import { CurrentVersionStoredOnce1764900000000 } from './1764900000000-current-version-stored-once';
import { ContentIsText1765000000000 } from './1765000000000-content-is-text';
import { ContactPointRows1765100000000 } from './1765100000000-contact-point-rows';

export const MIGRATIONS = [
  CreateResourceTables1764064800000,
  CreateTokenIndexTable1764064900000,
  IndexResourcesByTypeAndRid1764064950000,
  CreateSearchTablesForEveryParameterType1764070000000,
  CreateReindexTables1764300000000,
  IndexOnlySearchKeys1764400000000,
  FullTextLexemes1764500000000,
  PatientKeyedTokenIndex1764600000000,
  SharedStringRows1764700000000,
  CoveringDateProbes1764800000000,
  CurrentVersionStoredOnce1764900000000,
  ContentIsText1765000000000,
  ContactPointRows1765100000000,
];
