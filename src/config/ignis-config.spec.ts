import { readFileSync } from 'node:fs';
import { projectPath } from '../conformance/project-path';
import { CONFIG_DOCS, loadConfig } from './ignis-config';

describe('configuration', () => {
  it('has defaults for everything but DATABASE_URL and FHIR_BASE_URL', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.baseUrl).toBe('http://localhost:8080/fhir');
  });

  it('reads numbers and strips a trailing slash from the base URL', () => {
    const config = loadConfig({ PORT: '9000', FHIR_BASE_URL: 'https://fhir.example.org/fhir/' });
    expect(config.PORT).toBe(9000);
    expect(config.baseUrl).toBe('https://fhir.example.org/fhir');
  });

  it('fails listing every bad variable, hiding sensitive values', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://secret@x' })).toThrow(
      /PORT="eighty"[\s\S]*DATABASE_URL=<hidden>[\s\S]*LOG_LEVEL="loud"|PORT="eighty"[\s\S]*LOG_LEVEL="loud"[\s\S]*DATABASE_URL=<hidden>/,
    );
  });

  it('is documented in exactly one README table', () => {
    const readme = readFileSync(projectPath('README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(CONFIG_DOCS).sort());
  });
});
