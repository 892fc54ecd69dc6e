// Ids and names: RFC 4122 UUID v5 (checked against the RFC's published example) and CKAN's name rules.
import { describe, expect, it } from 'vitest';
import { ckanName, uuidV5 } from './catalog.ts';
import { parseFq } from './ckan.ts';

describe('ids and names', () => {
  it('derives UUID v5 exactly as RFC 4122 does', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('16.71/dataset/contacts.emergency_contacts')).toBe(uuidV5('16.71/dataset/contacts.emergency_contacts'));
  });
  it('makes CKAN names: lower case, digits, - and _', () => {
    expect(ckanName('contacts.emergency_contacts')).toBe('contacts-emergency_contacts');
    expect(ckanName('Kecamatan 16.71.01')).toBe('kecamatan-16-71-01');
    expect(ckanName('x')).toMatch(/^[a-z0-9_-]{2,100}$/);
  });
  it('reads fq clauses and refuses what it cannot read', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(parseFq('organization:"kota-16-71" AND metadata_modified:[2026-01-01T00:00:00Z TO NOW] -groups:calendar', now).map((c) => [c.field, c.negate])).toEqual([
      ['organization', false], ['metadata_modified', false], ['groups', true],
    ]);
    expect(() => parseFq('metadata_modified:[2026-01-01 TO *]', now)).toThrow(/not a date/);
    expect(() => parseFq('organization:(a OR b)', now)).toThrow(/cannot read/);
  });
});
