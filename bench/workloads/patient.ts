// A realistic FHIR R4 Patient (about 1.5 kB of JSON), generated deterministically from an index.
import type { Patient } from 'fhir/r4';

const GIVEN = ['Amelia', 'Noah', 'Olivia', 'Liam', 'Maya', 'Lucas', 'Ines', 'Hugo', 'Sofia', 'Tomás', 'Aiko', 'Kwame'];
const FAMILY = ['Martin', 'Okafor', 'García', 'Nguyen', 'Schmidt', 'Rossi', 'Kowalski', 'Haddad', 'Silva', 'Dubois'];
const CITY = ['Lyon', 'Porto', 'Leeds', 'Graz', 'Ghent', 'Turin', 'Aarhus', 'Brno'];
const STREET = ['Rue des Lilas', 'Station Road', 'Via Roma', 'Hauptstraße', 'Rua Augusta', 'Kirkegade'];

/** Small deterministic pseudo-random pick so every run sends the same bodies (no Math.random). */
function pick<T>(list: readonly T[], i: number, salt: number): T {
  return list[(i * 2654435761 + salt * 40503) % list.length]!;
}

export function makePatient(i: number, id?: string): Patient {
  const given = pick(GIVEN, i, 1);
  const family = pick(FAMILY, i, 2);
  const year = 1940 + (i % 70);
  const month = String(1 + (i % 12)).padStart(2, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  const mrn = `MRN-${String(100000 + i)}`;
  return {
    resourceType: 'Patient',
    ...(id ? { id } : {}),
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }] },
        system: 'urn:oid:1.2.36.146.595.217.0.1',
        value: mrn,
        period: { start: '2001-05-06' },
        assigner: { display: 'Ignis Bench Hospital' },
      },
      { use: 'official', system: 'http://example.org/fhir/sid/national-id', value: `NID${String(7000000 + i * 7)}` },
    ],
    active: true,
    name: [
      { use: 'official', family, given: [given, pick(GIVEN, i, 3)], prefix: [i % 2 ? 'Mr.' : 'Ms.'] },
      { use: 'usual', given: [given] },
    ],
    telecom: [
      { system: 'phone', value: `+33 4 72 ${String(10 + (i % 90))} ${String(10 + (i % 83))} ${String(10 + (i % 71))}`, use: 'home', rank: 1 },
      { system: 'phone', value: `+33 6 ${String(10 + (i % 89))} ${String(10 + (i % 79))} ${String(10 + (i % 67))} 42`, use: 'mobile', rank: 2 },
      { system: 'email', value: `${given.toLowerCase()}.${i}@example.org`, use: 'home' },
    ],
    gender: i % 2 ? 'male' : 'female',
    birthDate: `${year}-${month}-${day}`,
    deceasedBoolean: false,
    address: [
      {
        use: 'home',
        type: 'both',
        text: `${1 + (i % 200)} ${pick(STREET, i, 4)}, ${pick(CITY, i, 5)}`,
        line: [`${1 + (i % 200)} ${pick(STREET, i, 4)}`, `Apt ${1 + (i % 30)}`],
        city: pick(CITY, i, 5),
        postalCode: String(10000 + ((i * 37) % 89999)),
        country: 'FR',
        period: { start: '2015-01-01' },
      },
    ],
    maritalStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: i % 3 ? 'M' : 'S', display: i % 3 ? 'Married' : 'Never Married' }],
    },
    multipleBirthBoolean: false,
    contact: [
      {
        relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N', display: 'Next-of-Kin' }] }],
        name: { family, given: [pick(GIVEN, i, 6)] },
        telecom: [{ system: 'phone', value: `+33 6 ${String(20 + (i % 70))} 11 22 33`, use: 'mobile' }],
        gender: i % 2 ? 'female' : 'male',
      },
    ],
    communication: [
      {
        language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'fr-FR', display: 'French (France)' }], text: 'Français' },
        preferred: true,
      },
    ],
    managingOrganization: { display: 'Ignis Bench Hospital' },
  };
}
