// /catalog.jsonld: the catalog in DCAT-AP terms (W3C DCAT 2, the profile the EU's and Satu Data's
// harvesters read) as JSON-LD: a dcat:Catalog of dcat:Dataset, each with two dcat:Distribution
// (CSV, JSON) whose downloadURL serves live rows.
import type { RegionInfo } from '../../platform/region/region.ts';
import type { Catalog } from './catalog.ts';
import type { Links } from './ckan.ts';

const IANA = 'http://www.iana.org/assignments/media-types/';

export function dcatCatalog(cat: Catalog, links: Links, region: RegionInfo) {
  const { base, locale } = links;
  const publisher = (o: Catalog['organizations'][number]) => ({ '@id': `${base}/data#org-${o.name}`, '@type': 'foaf:Organization', 'foaf:name': o.title });
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      'dct:modified': { '@type': 'xsd:dateTime' }, 'dct:issued': { '@type': 'xsd:dateTime' },
    },
    '@id': `${base}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': { '@value': `Data terbuka ${region.name}`, '@language': 'id' },
    'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/IND' },
    'foaf:homepage': { '@id': `${base}/data` },
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': region.name },
    'dct:modified': (cat.datasets.reduce((m, d) => (d.modified > m ? d.modified : m), new Date(0))).toISOString(),
    'dcat:dataset': cat.datasets.map((d) => ({
      '@id': `${base}/data/${d.name}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': d.id,
      'dct:title': [{ '@value': d.title.id, '@language': 'id' }, { '@value': d.title.en, '@language': 'en' }],
      'dct:description': d.description[locale],
      'dct:issued': d.created.toISOString(),
      'dct:modified': d.modified.toISOString(),
      'dct:publisher': publisher(d.organization),
      'dcat:keyword': [d.group.name],
      'dcat:landingPage': { '@id': `${base}/data/${d.name}` },
      'dcat:distribution': (['csv', 'json'] as const).map((f) => ({
        '@id': `${base}/data/${d.name}.${f}`,
        '@type': 'dcat:Distribution',
        'dct:title': `${d.title[locale]} (${f.toUpperCase()})`,
        'dcat:accessURL': { '@id': `${base}/data/${d.name}` },
        'dcat:downloadURL': { '@id': `${base}/data/${d.name}.${f}` },
        'dcat:mediaType': { '@id': `${IANA}${f === 'csv' ? 'text/csv' : 'application/json'}` },
        'dct:format': f.toUpperCase(),
        'dct:modified': d.modified.toISOString(),
        'dct:license': { '@id': 'http://creativecommons.org/licenses/by/4.0/' },
      })),
    })),
  };
}
