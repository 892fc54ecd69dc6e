// Loading the modules of a build: check every manifest, then order them by their `requires`.
// Everything a module names lives in process-wide tables (strings, permissions, jobs, templates,
// error codes, events, …), so two modules must never declare the same name: each name starts with its
// module's id ('calendar.manage', 'messages.nav'), and a clash or an unprefixed name stops the
// start with a message naming the modules involved — before anything is registered or migrated.
import type { GapuraModule } from './module.ts';
import { platformDict } from './i18n/platform.ts';
import { PLATFORM_ERROR_CODES } from './http/errors.ts';
import { ROLES } from './access/can.ts';
import { SETTINGS } from './config.ts';
import { checkEvents } from './events/index.ts';

export class ModuleError extends Error {
  constructor(public readonly problems: string[]) {
    super(`The modules of this build do not fit together:\n  ${problems.join('\n  ')}`);
  }
}

const ID = /^[a-z][a-z0-9_]*$/;
const MIGRATION_KEY = /^\d{3}_[a-z0-9_]+$/;

/** Names owned by the platform itself: a module can never declare them. */
function platformNames(): Map<string, Set<string>> {
  return new Map([
    ['string', new Set(Object.keys(platformDict.id))],
    ['error code', new Set(PLATFORM_ERROR_CODES)],
    ['role', new Set<string>(ROLES)],
    ['setting', new Set(Object.keys(SETTINGS))],
  ]);
}

/**
 * Validate the manifests and return the modules in load order: a module comes after every module
 * it requires, otherwise the order of the list is kept. Throws ModuleError listing every problem.
 */
export function loadModules(list: GapuraModule[]): GapuraModule[] {
  const problems: string[] = [];
  const byId = new Map<string, GapuraModule>();
  for (const m of list) {
    if (!ID.test(m.id)) problems.push(`module id '${m.id}' must be lower case letters, digits and _`);
    if (byId.has(m.id)) problems.push(`two modules have the id '${m.id}'`);
    else byId.set(m.id, m);
  }

  const owners = new Map<string, Map<string, string>>(); // kind → name → module id
  const reserved = platformNames();
  const claim = (kind: string, name: string, m: GapuraModule, prefix: string) => {
    if (!name.startsWith(prefix)) {
      problems.push(`${kind} '${name}' of module '${m.id}' must start with '${prefix}'`);
      return;
    }
    if (reserved.get(kind)?.has(name)) {
      problems.push(`${kind} '${name}' of module '${m.id}' is the platform's own`);
      return;
    }
    const seen = owners.get(kind) ?? owners.set(kind, new Map()).get(kind)!;
    const other = seen.get(name);
    if (other !== undefined) problems.push(`${kind} '${name}' is declared by both '${other}' and '${m.id}'`);
    else seen.set(name, m.id);
  };

  for (const m of byId.values()) {
    const dot = `${m.id}.`;
    for (const name of Object.keys(m.permissions ?? {})) claim('permission', name, m, dot);
    for (const name of Object.keys(m.jobs ?? {})) claim('job', name, m, dot);
    for (const name of Object.keys(m.templates ?? {})) claim('template', name, m, dot);
    for (const name of Object.keys(m.errors ?? {})) claim('error code', name, m, dot);
    for (const name of Object.keys(m.stats ?? {})) claim('statistic', name, m, dot);
    for (const name of Object.keys(m.exports ?? {})) claim('dataset', name, m, dot);
    for (const name of Object.keys(m.roles ?? {})) claim('role', name, m, `${m.id}_`);
    for (const name of Object.keys(m.settings ?? {})) claim('setting', name, m, `${m.id.toUpperCase()}_`);
    const keys = new Set([...Object.keys(m.locales?.id ?? {}), ...Object.keys(m.locales?.en ?? {})]);
    for (const name of keys) claim('string', name, m, dot);
    // the message of an error and the label of a role are shown to people: they must exist
    const known = (key: string) => keys.has(key) || key in platformDict.id;
    for (const [code, e] of Object.entries(m.errors ?? {})) if (!known(e.message)) problems.push(`error code '${code}' of module '${m.id}': no string '${e.message}'`);
    for (const [role, r] of Object.entries(m.roles ?? {})) if (!known(r.label)) problems.push(`role '${role}' of module '${m.id}': no string '${r.label}'`);
    for (const name of Object.keys(m.cli ?? {})) {
      const seen = owners.get('command') ?? owners.set('command', new Map()).get('command')!;
      const other = seen.get(name);
      if (other !== undefined) problems.push(`command '${name}' is declared by both '${other}' and '${m.id}'`);
      else seen.set(name, m.id);
    }
    for (const f of m.errorFormats ?? []) {
      if (!/^\/[^\s?#]*[^/]$/.test(f.prefix)) problems.push(`error format prefix '${f.prefix}' of module '${m.id}' must start with / and not end with /`);
      const seen = owners.get('error format') ?? owners.set('error format', new Map()).get('error format')!;
      const other = seen.get(f.prefix);
      if (other !== undefined) problems.push(`error format for '${f.prefix}' is declared by both '${other}' and '${m.id}'`);
      else seen.set(f.prefix, m.id);
    }
    for (const key of Object.keys(m.migrations ?? {}))
      if (!MIGRATION_KEY.test(key)) problems.push(`migration '${key}' of module '${m.id}' must be named like '001_what' (digits, then lower case)`);
    for (const r of m.requires ?? []) {
      if (r === m.id) problems.push(`module '${m.id}' requires itself`);
      else if (!byId.has(r)) problems.push(`module '${m.id}' requires '${r}', which is not in this build`);
    }
  }
  // events: published names prefixed and unique, subscriptions only to declared events (events/index.ts)
  problems.push(...checkEvents([...byId.values()]));
  for (const [kind, names] of [['citizen', 'citizen'], ['staff', 'staff']] as const) {
    const decl = [...byId.values()].filter((m) => m.paths?.signIn?.[kind]);
    if (decl.length > 1) problems.push(`the ${names} sign-in page is declared by both '${decl[0].id}' and '${decl[1].id}'`);
  }
  if (problems.length) throw new ModuleError(problems);

  // Stable topological order: repeatedly take the first module (in list order) whose requirements
  // are all placed. What is left over requires itself through others: a cycle.
  const placed = new Set<string>();
  const ordered: GapuraModule[] = [];
  let rest = [...byId.values()];
  while (rest.length) {
    const next = rest.find((m) => (m.requires ?? []).every((r) => placed.has(r)));
    if (!next) throw new ModuleError([`these modules require each other in a cycle: ${describeCycle(rest)}`]);
    placed.add(next.id);
    ordered.push(next);
    rest = rest.filter((m) => m !== next);
  }
  return ordered;
}

function describeCycle(rest: GapuraModule[]): string {
  const ids = new Set(rest.map((m) => m.id));
  const req = new Map(rest.map((m) => [m.id, (m.requires ?? []).filter((r) => ids.has(r))]));
  // walk from the first until a module repeats: that loop is a cycle
  const path: string[] = [];
  let at = rest[0].id;
  while (!path.includes(at)) {
    path.push(at);
    at = req.get(at)![0]!;
  }
  return [...path.slice(path.indexOf(at)), at].join(' → ');
}
