// CKAN's Action API, read side (https://docs.ckan.org/en/latest/api/): the shapes a harvester such
// as Satu Data Indonesia's (ckanext-harvest's CKAN harvester, ckanapi) expects. No HTTP here: an
// action takes its parameters as a plain object (from the query string or a JSON body) and returns
// the `result`, or throws CkanError, which routes.tsx answers in CKAN's error envelope.
import type { Catalog, Dataset, Group, Organization } from './catalog.ts';

export class CkanError extends Error {
  constructor(
    public readonly status: 400 | 403 | 404 | 409,
    public readonly type: 'Bad Request' | 'Authorization Error' | 'Not Found Error' | 'Validation Error',
    message: string,
    /** Validation Error: field → messages, as CKAN sends them */
    public readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

const notFound = (what: string) => new CkanError(404, 'Not Found Error', `${what} not found`);
const invalid = (field: string, msg: string) => new CkanError(409, 'Validation Error', `${field}: ${msg}`, { [field]: [msg] });

export type Params = Record<string, unknown>;

export interface Links {
  /** absolute URL of the site, no trailing slash */
  base: string;
  siteTitle: string;
  locale: 'id' | 'en';
}

const iso = (d: Date) => d.toISOString().replace('Z', '');

function str(p: Params, k: string): string | undefined {
  const v = p[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw invalid(k, 'Must be a string');
}

function int(p: Params, k: string, dflt: number, min: number, max?: number): number {
  const s = str(p, k);
  if (s === undefined || s === '') return dflt;
  if (!/^-?\d+$/.test(s.trim())) throw invalid(k, 'Invalid integer');
  const n = Number(s);
  if (n < min) throw invalid(k, `Must be a natural number`);
  return max !== undefined ? Math.min(n, max) : n; // CKAN clamps rows to ckan.search.rows_max
}

function bool(p: Params, k: string): boolean {
  const s = str(p, k);
  return s !== undefined && /^(true|1|yes|on)$/i.test(s);
}

function orgDict(o: Organization, links: Links, packages?: number) {
  return {
    id: o.id, name: o.name, title: o.title, display_name: o.title, type: 'organization', is_organization: true,
    description: '', image_url: '', image_display_url: '', created: iso(o.created), state: 'active', approval_status: 'approved',
    ...(packages !== undefined ? { package_count: packages } : {}),
    url: `${links.base}/data?organization=${o.name}`,
  };
}

function groupDict(g: Group, links: Links, packages?: number) {
  return {
    id: g.id, name: g.name, title: g.title, display_name: g.title, type: 'group', is_organization: false,
    description: '', image_url: '', image_display_url: '', state: 'active', approval_status: 'approved',
    ...(packages !== undefined ? { package_count: packages } : {}),
    url: `${links.base}/data?group=${g.name}`,
  };
}

export function packageDict(d: Dataset, links: Links) {
  const page = `${links.base}/data/${d.name}`;
  const resource = (format: 'CSV' | 'JSON', mimetype: string, position: number) => ({
    package_id: d.id, name: `${d.title[links.locale]} (${format})`, description: d.description[links.locale],
    url: `${page}.${format.toLowerCase()}`, format, mimetype, position, state: 'active', url_type: null,
    created: iso(d.created), last_modified: iso(d.modified), metadata_modified: iso(d.modified),
  });
  const resources = [resource('CSV', 'text/csv', 0), resource('JSON', 'application/json', 1)].map((r, i) => ({ ...r, id: resourceId(d, i) }));
  return {
    id: d.id, name: d.name, title: d.title[links.locale], notes: d.description[links.locale], type: 'dataset', state: 'active',
    private: false, isopen: true, license_id: 'cc-by', license_title: 'Creative Commons Attribution', license_url: 'http://www.opendefinition.org/licenses/cc-by',
    author: null, author_email: null, maintainer: d.organization.title, maintainer_email: null, version: null, url: page,
    metadata_created: iso(d.created), metadata_modified: iso(d.modified), owner_org: d.organization.id, creator_user_id: null,
    organization: orgDict(d.organization, links), groups: [groupDict(d.group, links)],
    num_resources: resources.length, num_tags: 1, tags: [{ id: d.group.id, name: d.group.name, display_name: d.group.name, state: 'active', vocabulary_id: null }],
    extras: [{ key: 'fields', value: d.fields.map((f) => `${f.name}:${f.type}`).join(', ') }, { key: 'rows', value: String(d.rowCount) }],
    relationships_as_object: [], relationships_as_subject: [],
    resources,
  };
}

/** The resources' ids: UUID-shaped, derived from the dataset's, stable. */
function resourceId(d: Dataset, i: number): string {
  return `${d.id.slice(0, 24)}${(parseInt(d.id.slice(24), 16) ^ (i + 1)).toString(16).padStart(12, '0')}`;
}

// --- package_search's fq and sort -------------------------------------------------------------------

type Clause = { field: string; negate: boolean; test: (d: Dataset) => boolean };

const FQ_FIELDS: Record<string, (d: Dataset) => string[]> = {
  id: (d) => [d.id],
  name: (d) => [d.name],
  organization: (d) => [d.organization.name],
  owner_org: (d) => [d.organization.id],
  groups: (d) => [d.group.name],
  tags: (d) => [d.group.name],
  res_format: () => ['CSV', 'JSON'],
  license_id: () => ['cc-by'],
  state: () => ['active'],
  type: () => ['dataset'],
  dataset_type: () => ['dataset'],
};
const DATE_FIELDS: Record<string, (d: Dataset) => Date> = { metadata_modified: (d) => d.modified, metadata_created: (d) => d.created };

/** Solr date math we accept: an ISO instant, NOW, or '*'. */
function dateBound(s: string, field: string, now: Date): number | null {
  if (s === '*') return null;
  if (s === 'NOW') return now.getTime();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s)) throw invalid('fq', `${field}: '${s}' is not a date such as 2026-01-01T00:00:00Z`);
  const n = Date.parse(s);
  if (Number.isNaN(n)) throw invalid('fq', `${field}: '${s}' is not a date`);
  return n;
}

/** Parses CKAN/Solr filter queries: clauses separated by spaces (or AND), each `field:value`,
 *  `field:"quoted value"` or `field:[FROM TO UNTIL]`, optionally negated with '-'. */
export function parseFq(fq: string, now: Date): Clause[] {
  const out: Clause[] = [];
  const re = /\s*(?:(AND)\b|([+-]?)([a-z_]+):(?:"((?:[^"\\]|\\.)*)"|\[([^\]]*)\]|\{([^}]*)\}|([^\s"[\]{}]+)))/y;
  let i = 0;
  const src = fq.trim();
  while (i < src.length) {
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw invalid('fq', `cannot read the filter at '${src.slice(i, i + 30)}'`);
    i = re.lastIndex;
    if (m[1]) continue;
    const [, , sign, field, quoted, incl, excl, bare] = m;
    const range = incl ?? excl;
    if (range !== undefined) {
      const get = DATE_FIELDS[field];
      if (!get) throw invalid('fq', `${field} cannot be filtered by a range`);
      const parts = range.trim().split(/\s+TO\s+/);
      if (parts.length !== 2) throw invalid('fq', `${field}: a range is [FROM TO UNTIL]`);
      const lo = dateBound(parts[0].trim(), field, now);
      const hi = dateBound(parts[1].trim(), field, now);
      const inclusive = incl !== undefined;
      out.push({
        field, negate: sign === '-',
        test: (d) => {
          const t = get(d).getTime();
          return (lo === null || (inclusive ? t >= lo : t > lo)) && (hi === null || (inclusive ? t <= hi : t < hi));
        },
      });
      continue;
    }
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    const get = FQ_FIELDS[field];
    if (!get) {
      if (DATE_FIELDS[field]) throw invalid('fq', `${field} needs a range such as [2026-01-01T00:00:00Z TO *]`);
      throw invalid('fq', `unknown field ${field}`);
    }
    out.push({ field, negate: sign === '-', test: value === '*' ? () => true : (d) => get(d).some((v) => v.toLowerCase() === value.toLowerCase()) });
  }
  return out;
}

type Sorter = (a: Dataset, b: Dataset) => number;
const SORT_KEYS: Record<string, (d: Dataset) => string | number> = {
  id: (d) => d.id,
  name: (d) => d.name,
  title_string: (d) => d.title.id.toLowerCase(),
  metadata_modified: (d) => d.modified.getTime(),
  metadata_created: (d) => d.created.getTime(),
};

export function parseSort(sort: string): Sorter {
  const keys: Sorter[] = [];
  for (const part of sort.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z_]+)(?:\s+(asc|desc))?$/i.exec(part);
    if (!m) throw invalid('sort', `cannot read '${part}'`);
    const dir = (m[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
    if (m[1] === 'score') continue; // no relevance ranking: every match scores the same
    const get = SORT_KEYS[m[1]];
    if (!get) throw invalid('sort', `cannot sort by ${m[1]}`);
    keys.push((a, b) => {
      const x = get(a), y = get(b);
      return x < y ? -dir : x > y ? dir : 0;
    });
  }
  // ties end in id order: a page boundary never depends on the order the modules loaded in
  keys.push((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return (a, b) => {
    for (const k of keys) {
      const r = k(a, b);
      if (r) return r;
    }
    return 0;
  };
}

function matchesQ(d: Dataset, q: string): boolean {
  const s = q.trim();
  if (!s || s === '*:*' || s === '*') return true;
  const field = /^([a-z_]+):(.+)$/.exec(s);
  if (field && (FQ_FIELDS[field[1]] || field[1] === 'title')) {
    const v = field[2].replace(/^"|"$/g, '').toLowerCase();
    if (field[1] === 'title') return d.title.id.toLowerCase().includes(v) || d.title.en.toLowerCase().includes(v);
    return FQ_FIELDS[field[1]](d).some((x) => x.toLowerCase() === v);
  }
  const text = [d.name, d.title.id, d.title.en, d.description.id, d.description.en, d.organization.title, d.group.title, ...d.fields.map((f) => f.name)]
    .join(' ').toLowerCase();
  return s.toLowerCase().split(/\s+/).every((w) => text.includes(w));
}

// --- the actions ------------------------------------------------------------------------------------

export type Action = (cat: Catalog, p: Params, links: Links) => unknown;

const byIdOrName = <T extends { id: string; name: string }>(list: T[], p: Params, what: string): T => {
  const id = str(p, 'id') ?? str(p, 'name');
  if (!id) throw invalid('id', 'Missing value');
  const found = list.find((x) => x.id === id || x.name === id);
  if (!found) throw notFound(what);
  return found;
};

export const actions: Record<string, Action> = {
  package_list(cat, p) {
    const limit = int(p, 'limit', Number.MAX_SAFE_INTEGER, 0);
    const offset = int(p, 'offset', 0, 0);
    return cat.datasets.map((d) => d.name).sort().slice(offset, offset + limit);
  },

  package_search(cat, p, links) {
    const rows = int(p, 'rows', 10, 0, 1000);
    const start = int(p, 'start', 0, 0);
    const clauses = parseFq(str(p, 'fq') ?? '', cat.builtAt);
    const sorter = parseSort(str(p, 'sort') ?? 'score desc, metadata_modified desc');
    const q = str(p, 'q') ?? '';
    const hits = cat.datasets.filter((d) => matchesQ(d, q) && clauses.every((c) => c.test(d) !== c.negate)).sort(sorter);
    return { count: hits.length, sort: str(p, 'sort') ?? 'score desc, metadata_modified desc', facets: {}, search_facets: {}, results: hits.slice(start, start + rows).map((d) => packageDict(d, links)) };
  },

  package_show(cat, p, links) {
    return packageDict(byIdOrName(cat.datasets, p, 'Dataset'), links);
  },

  organization_list(cat, p, links) {
    const orgs = [...cat.organizations].sort((a, b) => a.name.localeCompare(b.name));
    if (!bool(p, 'all_fields')) return orgs.map((o) => o.name);
    return orgs.map((o) => orgDict(o, links, cat.datasets.filter((d) => d.organization === o).length));
  },

  organization_show(cat, p, links) {
    const o = byIdOrName(cat.organizations, p, 'Organization');
    const mine = cat.datasets.filter((d) => d.organization === o);
    const include = str(p, 'include_datasets') === undefined || bool(p, 'include_datasets');
    return { ...orgDict(o, links, mine.length), ...(include ? { packages: mine.map((d) => packageDict(d, links)) } : {}), users: [], extras: [], tags: [], groups: [] };
  },

  group_list(cat, p, links) {
    const groups = [...cat.groups].sort((a, b) => a.name.localeCompare(b.name));
    if (!bool(p, 'all_fields')) return groups.map((g) => g.name);
    return groups.map((g) => groupDict(g, links, cat.datasets.filter((d) => d.group === g).length));
  },

  group_show(cat, p, links) {
    const g = byIdOrName(cat.groups, p, 'Group');
    const mine = cat.datasets.filter((d) => d.group === g);
    const include = str(p, 'include_datasets') === undefined || bool(p, 'include_datasets');
    return { ...groupDict(g, links, mine.length), ...(include ? { packages: mine.map((d) => packageDict(d, links)) } : {}), users: [], extras: [], tags: [], groups: [] };
  },

  status_show(_cat, _p, links) {
    // the version of CKAN's API these answers follow, for clients that check it
    return { ckan_version: '2.10.0', site_title: links.siteTitle, site_description: '', site_url: links.base, error_emails_to: null, locale_default: links.locale, extensions: ['gapura-opendata'] };
  },
};

/** The parameters every action above reads (the route declares them; others answer 400). */
export const ACTION_PARAMS = ['id', 'name', 'q', 'fq', 'rows', 'start', 'sort', 'limit', 'offset', 'all_fields', 'include_datasets', 'facet', 'facet.field', 'facet.limit', 'include_private', 'include_drafts'];
