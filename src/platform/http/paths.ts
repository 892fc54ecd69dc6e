// Which paths are what, from the platform's own and every module's manifest (`paths`,
// `errorFormats`): JSON error answers, pages never page-cached, public pages, the sign-in pages,
// and the staff-area pages open without a staff session. No module path is written into the
// platform: a module added later brings its own.
import type { ErrorFormat, GapuraModule } from '../module.ts';

/** The back office: every page below it is for signed-in staff (auth/staff-area.ts) and private. */
export const STAFF_AREA = '/petugas';

/** The platform's own paths (app.tsx serves them). */
export const PLATFORM_PATHS = {
  public: ['/bahasa', '/tema.css', '/healthz', '/openapi.json', '/favicon.svg', '/logo.svg', '/robots.txt'],
  json: ['/api', '/healthz', '/openapi.json'],
  /** not page-cached (not HTML for everyone), but may carry their own cache headers */
  uncached: ['/api', '/healthz', '/static'],
  private: [STAFF_AREA],
};

export interface PathTable {
  public: string[];
  json: string[];
  /** never page-cached, answered with cache-control: no-store */
  private: string[];
  uncached: string[];
  /** machine-client API prefixes (manifest paths.machine): no CSRF token without a session */
  machine: string[];
  /** longest prefix first */
  formats: ErrorFormat[];
  signIn: { citizen?: string; staff?: string };
  staffOpen: RegExp[];
}

/** `prefix` itself or anything below it: '/akun' covers '/akun/sandi', not '/akunku'. The prefix
 *  '/' stands for the home page alone. */
export function under(path: string, prefix: string): boolean {
  return path === prefix || (prefix !== '/' && path.startsWith(`${prefix}/`));
}

const tables = new WeakMap<GapuraModule[], PathTable>();

export function pathTable(modules: GapuraModule[]): PathTable {
  let t = tables.get(modules);
  if (t) return t;
  const all = (k: 'public' | 'json' | 'private') => modules.flatMap((m) => m.paths?.[k] ?? []);
  t = {
    public: [...PLATFORM_PATHS.public, ...all('public')],
    json: [...PLATFORM_PATHS.json, ...all('json')],
    private: [...PLATFORM_PATHS.private, ...all('private')],
    uncached: PLATFORM_PATHS.uncached,
    machine: modules.flatMap((m) => m.paths?.machine ?? []),
    formats: modules.flatMap((m) => m.errorFormats ?? []).sort((a, b) => b.prefix.length - a.prefix.length),
    signIn: {
      citizen: modules.find((m) => m.paths?.signIn?.citizen)?.paths?.signIn?.citizen,
      staff: modules.find((m) => m.paths?.signIn?.staff)?.paths?.signIn?.staff,
    },
    staffOpen: modules.flatMap((m) => m.paths?.staffOpen ?? []),
  };
  tables.set(modules, t);
  return t;
}

export const isPublicPath = (t: PathTable, path: string) => t.public.some((p) => under(path, p));
export const isPrivatePath = (t: PathTable, path: string) => t.private.some((p) => under(path, p));
export const isStaffArea = (path: string) => under(path, STAFF_AREA);

/** The module formatter answering errors for this path, if any (the longest prefix wins). */
export function errorFormatFor(t: PathTable, path: string): ErrorFormat | undefined {
  return t.formats.find((f) => under(path, f.prefix));
}
