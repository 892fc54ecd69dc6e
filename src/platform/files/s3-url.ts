// FILES_S3_URL: one setting for an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Wasabi, IDCloudHost…):
//   s3://ACCESS_KEY:SECRET_KEY@host[:port]/bucket[/prefix]?region=ap-southeast-3&path_style=true&tls=false
// Credentials are percent-encoded (a secret with '/' or '+' becomes %2F, %2B). region defaults to
// us-east-1 (what MinIO expects); path_style=true puts the bucket in the path (MinIO, most
// self-hosted stores) instead of the host name (AWS's default); tls=false speaks plain HTTP, for a
// store on the same host or private network only. The prefix keeps Gapura's objects apart from others.

export interface S3Location {
  /** https://host:port (or http:// with tls=false) */
  origin: string;
  host: string;
  bucket: string;
  /** '' or 'some/prefix/' */
  prefix: string;
  region: string;
  pathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
}

const KNOWN = new Set(['region', 'path_style', 'tls']);

/** Parses FILES_S3_URL; throws an Error whose message never contains the secret. */
export function parseS3Url(value: string): S3Location {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error('FILES_S3_URL is not a URL: expected s3://ACCESS_KEY:SECRET_KEY@host[:port]/bucket');
  }
  if (u.protocol !== 's3:') throw new Error('FILES_S3_URL must start with s3://');
  if (!u.hostname) throw new Error('FILES_S3_URL has no host');
  const accessKeyId = decodeURIComponent(u.username);
  const secretAccessKey = decodeURIComponent(u.password);
  if (!accessKeyId || !secretAccessKey) throw new Error('FILES_S3_URL needs the access key and secret key: s3://ACCESS_KEY:SECRET_KEY@host/bucket');
  const [bucket = '', ...rest] = u.pathname.replace(/^\/+/, '').split('/').filter(Boolean);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error('FILES_S3_URL needs a valid bucket name after the host: s3://…@host/bucket');
  for (const k of u.searchParams.keys()) if (!KNOWN.has(k)) throw new Error(`FILES_S3_URL has an unknown option ${k} (known: region, path_style, tls)`);
  const flag = (name: string, dflt: boolean) => {
    const v = u.searchParams.get(name);
    if (v === null) return dflt;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new Error(`FILES_S3_URL option ${name} must be true or false`);
  };
  const region = u.searchParams.get('region') || 'us-east-1';
  if (!/^[a-z0-9-]+$/.test(region)) throw new Error('FILES_S3_URL region must be a region name such as ap-southeast-3');
  const tls = flag('tls', true);
  const host = u.port ? `${u.hostname}:${u.port}` : u.hostname;
  return {
    origin: `${tls ? 'https' : 'http'}://${host}`,
    host,
    bucket,
    prefix: rest.length ? `${rest.join('/')}/` : '',
    region,
    pathStyle: flag('path_style', false),
    accessKeyId,
    secretAccessKey,
  };
}
