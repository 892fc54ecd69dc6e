import { describe, expect, it } from 'vitest';
import { definitionXml, errorsXml, open311Status, parseW3c, requestsXml, servicesXml, statesFor, w3c, type ServiceRequest } from './format.ts';
import { schemaErrors } from './schemas.ts';
import { xmlShape } from './xml-check.ts';

const req: ServiceRequest = {
  service_request_id: 'PGD-7K3M-Q9XA',
  status: 'open',
  status_notes: null,
  service_name: 'Jalan rusak',
  service_code: 'jalan-rusak',
  description: 'Lubang <besar> & dalam',
  agency_responsible: 'Dinas PU',
  service_notice: null,
  requested_datetime: w3c('2026-12-01T16:04:05Z'),
  updated_datetime: w3c('2026-12-01T16:04:05Z'),
  expected_datetime: null,
  address: 'Jl. Thamrin',
  address_id: null,
  zipcode: null,
  lat: 3.59,
  long: 98.67,
  media_url: null,
};

describe('Open311 formats', () => {
  it('writes W3C datetimes with the zone offset and reads them back', () => {
    expect(w3c('2026-12-01T16:04:05.123Z')).toBe('2026-12-01T23:04:05+07:00');
    expect(w3c('2026-12-01T20:00:00Z', 'Asia/Jayapura')).toBe('2026-12-02T05:00:00+09:00');
    expect(parseW3c('2026-12-01T23:04:05+07:00')?.toISOString()).toBe('2026-12-01T16:04:05.000Z');
    expect(parseW3c('2026-12-01')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseW3c('01/12/2026')).toBeUndefined();
    expect(parseW3c('2026-13-45T00:00Z')).toBeUndefined();
  });

  it('maps the complaint states onto open and closed', () => {
    expect(open311Status('received')).toBe('open');
    expect(open311Status('reopened')).toBe('open');
    expect(open311Status('resolved')).toBe('closed');
    expect(open311Status('rejected')).toBe('closed');
    expect(statesFor('closed')).toEqual(['rejected', 'resolved', 'closed']);
    expect(statesFor('open')).not.toContain('closed');
  });

  it('builds objects the official schemas accept, and they catch what is wrong', () => {
    expect(schemaErrors('requests', [req])).toEqual([]);
    // numeric ids are what the spec's own examples and schema forbid
    expect(schemaErrors('request', { ...req, service_request_id: 638344 })).not.toEqual([]);
    expect(schemaErrors('request', { ...req, requested_datetime: 'kemarin' })).not.toEqual([]);
    expect(schemaErrors('request', { ...req, status: 'received' })).not.toEqual([]);
    const service = { service_code: 'jalan-rusak', service_name: 'Jalan rusak', description: null, metadata: true, type: 'realtime', keywords: null, group: null };
    expect(schemaErrors('services', [service])).toEqual([]);
    expect(schemaErrors('services', [{ ...service, type: 'instant' }])).not.toEqual([]);
  });

  it('writes XML with the spec element names, escaped', () => {
    const xml = requestsXml([req]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>PGD-7K3M-Q9XA</service_request_id>')).toBe(true);
    expect(xml).toContain('<description>Lubang &#60;besar&#62; &#38; dalam</description>');
    expect(xml).toContain('<expected_datetime></expected_datetime>');
    expect(xmlShape(xml)).toMatchObject({ name: 'service_requests', children: [{ name: 'request' }] });
    const def = definitionXml({
      service_code: 'x',
      attributes: [{ variable: true, code: 'ukuran', datatype: 'singlevaluelist', required: true, datatype_description: null, order: 1, description: 'Ukuran', values: [{ key: 'kecil', name: 'Kecil' }] }],
    });
    expect(xmlShape(def)).toMatchObject({ name: 'service_definition', children: [{ name: 'service_code' }, { name: 'attributes', children: [{ name: 'attribute' }] }] });
    expect(def).toContain('<values><value><key>kecil</key><name>Kecil</name></value></values>');
    expect(servicesXml([])).toBe('<?xml version="1.0" encoding="utf-8"?><services></services>');
    expect(errorsXml([{ code: 400, description: 'a & b' }])).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>a &#38; b</description></error></errors>');
  });

  it('refuses XML that is not well formed', () => {
    expect(() => xmlShape('<?xml version="1.0"?><a><b></a>')).toThrow();
    expect(() => xmlShape('<a>&nope;</a>')).toThrow();
    expect(() => xmlShape('<a></a><b></b>')).toThrow();
  });
});
