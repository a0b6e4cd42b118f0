// Every environment variable Ignis reads: its rule, default and description. The README's table mirrors this list.
import { availableParallelism } from 'node:os';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';

interface VariableDoc {
  readonly description: string;
  readonly default?: string;
  readonly sensitive?: boolean;
}

/** One line of documentation per variable; `config.spec.ts` checks the README table lists exactly these. */
export type ConfigVariable = Exclude<keyof IgnisConfig, 'baseUrl'>;

export const CONFIG_DOCS: Record<ConfigVariable, VariableDoc> = {
  PORT: { description: 'TCP port the HTTP server listens on.', default: '8080' },
  HOST: { description: 'Interface to bind.', default: '0.0.0.0' },
  DATABASE_URL: { description: 'PostgreSQL connection URL. When unset, an embedded PostgreSQL is started with its data under DATA_DIR.', sensitive: true },
  DATA_DIR: { description: 'Folder for the embedded PostgreSQL data (used only without DATABASE_URL).', default: './.data' },
  DB_POOL_SIZE: { description: 'Maximum PostgreSQL connections of the pool (per worker).', default: '10' },
  DB_WRITE_CONCURRENCY: {
    description:
      'How many group statements of each kind (inserts of new resources, updates) run at once (per worker); concurrent creates share one, concurrent updates another. Fewer, larger groups cost PostgreSQL less per resource.',
    default: 'half the CPU cores, at least 1',
  },
  WORKERS: { description: 'HTTP worker processes (node:cluster); 1 serves from the main process.', default: '1' },
  FHIR_BASE_URL: { description: 'Public base URL of the FHIR API, used in fullUrl, Location and links.', default: 'http://localhost:PORT/fhir' },
  LOG_LEVEL: { description: 'pino log level: fatal, error, warn, info, debug, trace or silent.', default: 'info' },
  MAX_BODY_BYTES: { description: 'Largest accepted request body in bytes; larger bodies get 413.', default: '16777216' },
  MAX_JSON_DEPTH: { description: 'Deepest accepted JSON nesting of a request body; deeper bodies get 400.', default: '64' },
  MAX_JSON_ARRAY: { description: 'Longest accepted JSON array in a request body; longer arrays get 400.', default: '100000' },
  MAX_BUNDLE_ENTRIES: { description: 'Most entries accepted in a batch or transaction Bundle; more get 413.', default: '10000' },
  DEFAULT_PAGE_SIZE: { description: 'Bundle page size when a request has no _count.', default: '20' },
  MAX_PAGE_SIZE: { description: 'Largest _count honoured; larger values are lowered to it.', default: '1000' },
};

export class IgnisConfig {
  @IsInt() @Min(0) @Max(65535)
  PORT = 8080;

  @IsString()
  HOST = '0.0.0.0';

  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './.data';

  @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 10;

  @IsInt() @Min(1) @Max(200)
  DB_WRITE_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));

  @IsInt() @Min(1) @Max(64)
  WORKERS = 1;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  FHIR_BASE_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsInt() @Min(1024)
  MAX_BODY_BYTES = 16 * 1024 * 1024;

  @IsInt() @Min(8) @Max(1000)
  MAX_JSON_DEPTH = 64;

  @IsInt() @Min(1)
  MAX_JSON_ARRAY = 100_000;

  @IsInt() @Min(1)
  MAX_BUNDLE_ENTRIES = 10_000;

  @IsInt() @Min(1)
  DEFAULT_PAGE_SIZE = 20;

  @IsInt() @Min(1)
  MAX_PAGE_SIZE = 1000;

  /** The public base without a trailing slash. */
  get baseUrl(): string {
    return (this.FHIR_BASE_URL ?? `http://localhost:${this.PORT}/fhir`).replace(/\/+$/, '');
  }
}

const NUMERIC = new Set(Object.keys(CONFIG_DOCS).filter((k) => typeof (new IgnisConfig() as unknown as Record<string, unknown>)[k] === 'number'));

/** Validates the environment once; throws one error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): IgnisConfig {
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(CONFIG_DOCS)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    plain[key] = NUMERIC.has(key) && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  }
  const config = plainToInstance(IgnisConfig, plain);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${CONFIG_DOCS[e.property as ConfigVariable]?.sensitive ? '<hidden>' : JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
