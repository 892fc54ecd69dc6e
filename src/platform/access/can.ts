// Access control is this one function. Every route asks can(actor, action, subject) — there is no
// other way in. Rules are data declared by modules; unit scope is a prefix test on the unit path,
// so a role held in a kecamatan covers its kelurahan and nothing beside it.
/** The platform's roles; modules add their own (manifest `roles`, named '<module id>_…'). */
export const ROLES = ['officer', 'approver', 'unit_admin', 'platform_admin', 'leader', 'auditor'] as const;
export type PlatformRole = (typeof ROLES)[number];
/** a platform role or one a module registered (checked by isRole() wherever a role is granted) */
export type Role = PlatformRole | (string & {});

const moduleRoles = new Map<string, { label: string; hint?: string }>();

/** A module's roles (names validated as prefixed and unique by loadModules). */
export function registerRoles(roles: Record<string, { label: string; hint?: string }>) {
  for (const [name, spec] of Object.entries(roles)) moduleRoles.set(name, spec);
}

/** Every role that can be granted: the platform's, then the modules'. */
export function allRoles(): Role[] {
  return [...ROLES, ...moduleRoles.keys()];
}

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v) || moduleRoles.has(v);
}

/** The i18n keys of a module role's label and hint; undefined for the platform's own roles. */
export function moduleRole(role: string): { label: string; hint?: string } | undefined {
  return moduleRoles.get(role);
}

export interface Grant {
  role: Role;
  unitId: number;
  /** '/1/5/' : the unit's materialised path */
  unitPath: string;
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'citizen'; userId: number; name: string; verified: boolean }
  | { kind: 'staff'; userId: number; name: string; grants: Grant[] };

export interface Subject {
  /** the unit the thing belongs to */
  unitPath?: string;
  /** the citizen who owns the thing */
  ownerId?: number;
}

export interface PermissionRule {
  /** anyone, signed in or not */
  public?: boolean;
  /** 'any' signed-in citizen, or 'own' only for subjects whose ownerId is theirs */
  citizen?: 'any' | 'own';
  /** staff holding one of these roles in the subject's unit or above it */
  roles?: Role[];
  /** staff holding any role at all, the modules' included (e.g. one's own back-office home) */
  anyRole?: boolean;
  /** if set, the roles apply regardless of unit (e.g. leader reading region-wide dashboards) */
  anyUnit?: boolean;
}

const rules = new Map<string, PermissionRule>();

export function registerPermissions(perms: Record<string, PermissionRule>) {
  for (const [action, rule] of Object.entries(perms)) {
    if (rules.has(action)) throw new Error(`permission ${action} declared twice`);
    rules.set(action, rule);
  }
}

export function permissionRules(): ReadonlyMap<string, PermissionRule> {
  return rules;
}

export function covers(grant: Grant, unitPath: string | undefined): boolean {
  return unitPath === undefined || unitPath.startsWith(grant.unitPath);
}

export function can(actor: Actor, action: string, subject?: Subject): boolean {
  const rule = rules.get(action);
  if (!rule) throw new Error(`unknown action ${action}`); // a typo must fail loudly in tests, not silently allow
  if (rule.public) return true;
  if (actor.kind === 'citizen' && rule.citizen) {
    if (rule.citizen === 'any') return true;
    return subject?.ownerId !== undefined && subject.ownerId === actor.userId;
  }
  if (actor.kind === 'staff' && (rule.roles || rule.anyRole)) {
    return actor.grants.some(
      (g) => (rule.anyRole || rule.roles!.includes(g.role)) && (rule.anyUnit || covers(g, subject?.unitPath)),
    );
  }
  return false;
}

/** Units an actor may act on for an action: null = everywhere, [] = nowhere. For filtering lists in SQL. */
export function scopePaths(actor: Actor, action: string): string[] | null {
  const rule = rules.get(action);
  if (!rule) throw new Error(`unknown action ${action}`);
  if (rule.public) return null;
  if (actor.kind !== 'staff' || !(rule.roles || rule.anyRole)) return [];
  const grants = actor.grants.filter((g) => rule.anyRole || rule.roles!.includes(g.role));
  if (rule.anyUnit && grants.length) return null;
  return grants.map((g) => g.unitPath);
}
