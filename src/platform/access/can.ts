// Access control is this one function. Every route asks can(actor, action, subject) — there is no
// other way in. Rules are data declared by modules; unit scope is a prefix test on the unit path,
// so a role held in a kecamatan covers its kelurahan and nothing beside it.
export const ROLES = ['officer', 'approver', 'unit_admin', 'platform_admin', 'leader', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

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
  if (actor.kind === 'staff' && rule.roles) {
    return actor.grants.some(
      (g) => rule.roles!.includes(g.role) && (rule.anyUnit || covers(g, subject?.unitPath)),
    );
  }
  return false;
}

/** Units an actor may act on for an action: null = everywhere, [] = nowhere. For filtering lists in SQL. */
export function scopePaths(actor: Actor, action: string): string[] | null {
  const rule = rules.get(action);
  if (!rule) throw new Error(`unknown action ${action}`);
  if (rule.public) return null;
  if (actor.kind !== 'staff' || !rule.roles) return [];
  const grants = actor.grants.filter((g) => rule.roles!.includes(g.role));
  if (rule.anyUnit && grants.length) return null;
  return grants.map((g) => g.unitPath);
}
