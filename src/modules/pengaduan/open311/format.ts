// Open311 GeoReport v2 shapes (https://wiki.open311.org/GeoReport_v2): the JSON objects the spec
// lists and their XML twins, W3C datetimes with the region's offset, the open/closed mapping of the
// complaint states, and the error list. Pure functions: no database, no HTTP.

/** GeoReport v2 has two statuses; the complaint's finer states map onto them. */
const CLOSED_STATES = new Set(['rejected', 'resolved', 'closed']);
export function open311Status(state: string): 'open' | 'closed' {
  return CLOSED_STATES.has(state) ? 'closed' : 'open';
}
/** The states a status filter selects. */
export function statesFor(status: 'open' | 'closed'): string[] {
  const all = ['received', 'verified', 'rejected', 'dispositioned', 'in_progress', 'follow_up_reported', 'validated', 'resolved', 'closed', 'reopened'];
  return all.filter((s) => open311Status(s) === status);
}

/** The offset of a time zone at an instant, in minutes east of UTC. */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** W3C datetime with the zone's offset, e.g. 2026-12-01T23:04:05+07:00 (the spec's example format). */
export function w3c(value: Date | string, timeZone = 'Asia/Jakarta'): string {
  const at = new Date(value);
  const off = offsetMinutes(at, timeZone);
  const local = new Date(at.getTime() + off * 60_000).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A W3C datetime from a client (date alone, or date and time with Z or an offset); undefined when not one. */
export function parseW3c(s: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(s)) return undefined;
  const d = new Date(s.length === 10 ? `${s}T00:00:00Z` : s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

// ---- the objects (JSON field names per the spec; XML uses the same names) ----

export interface Service {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

export interface Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface ServiceDefinition {
  service_code: string;
  attributes: Attribute[];
}

export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** The answer to a POST: the id when known at once, else a token to ask for it later. */
export type PostAnswer = ({ service_request_id: string } | { token: string }) & { service_notice: string | null; account_id: string | null };

export interface Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }[];
}

export interface Open311Error {
  code: number;
  description: string;
}

// ---- XML ----

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
// characters XML 1.0 cannot carry at all (input is already refused at the edge; this is a last guard)
const stripInvalid = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [k: string]: XmlValue };

/** One element; arrays repeat the child element named by `itemNames[name]`. Null: an empty element. */
function element(name: string, value: XmlValue, itemNames: Record<string, string>): string {
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v, itemNames)).join('')}</${name}>`;
  return `<${name}>${xmlEscape(stripInvalid(String(value)))}</${name}>`;
}

// the spec's element names for repeated children
const ITEMS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

export const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

export function servicesXml(list: Service[]): string {
  return XML_DECL + element('services', list as unknown as XmlValue, ITEMS);
}
export function definitionXml(def: ServiceDefinition): string {
  return XML_DECL + element('service_definition', def as unknown as XmlValue, ITEMS);
}
/** GET requests, GET requests/{id}, POST answers and tokens all answer <service_requests><request>… */
export function requestsXml(list: (ServiceRequest | PostAnswer | { service_request_id: string | null; token: string })[]): string {
  return XML_DECL + element('service_requests', list as unknown as XmlValue, ITEMS);
}
export function discoveryXml(d: Discovery): string {
  return XML_DECL + element('discovery', d as unknown as XmlValue, ITEMS);
}
export function errorsXml(list: Open311Error[]): string {
  return XML_DECL + element('errors', list as unknown as XmlValue, ITEMS);
}
