// The life of an application, as data: which action moves which state to which, and who may take it.
// Pure (no I/O), so the queue, the detail page, the API and the tests all ask the same table.
//
//   submitted ─verify→ verified ─approve→ approved ─sign→ issued
//       │  ↑              │  └─forward→ submitted (at the higher unit, e.g. kelurahan → kecamatan)
//       │  └─resubmit─ returned ←─return─┘
//       └─reject→ rejected  (also from verified and approved)
//
// 'sign' issues the signed PDF (platform/documents) and hands it to the citizen in one step: an
// approver with forty letters signs forty times, not eighty. The timeline still records both.

export const STATES = ['submitted', 'returned', 'verified', 'approved', 'issued', 'rejected'] as const;
export type State = (typeof STATES)[number];
/** states an officer still has to act on: the queue, the deadline and escalation count these */
export const OPEN_STATES: readonly State[] = ['submitted', 'verified', 'approved'];
/** the citizen has to act: the deadline clock stands still */
export const WAITING_STATES: readonly State[] = ['returned'];
export const FINAL_STATES: readonly State[] = ['issued', 'rejected'];

export const ACTIONS = ['submit', 'verify', 'return', 'resubmit', 'reject', 'forward', 'approve', 'sign'] as const;
export type Action = (typeof ACTIONS)[number];

/** who takes an action: the service's verifier role, its signer role, or the citizen (owner) */
export type Taker = 'verifier' | 'signer' | 'citizen';

interface Rule { from: readonly State[]; to: State; by: Taker; reason: boolean }

export const RULES: Record<Exclude<Action, 'submit'>, Rule> = {
  verify: { from: ['submitted'], to: 'verified', by: 'verifier', reason: false },
  return: { from: ['submitted', 'verified'], to: 'returned', by: 'verifier', reason: true },
  resubmit: { from: ['returned'], to: 'submitted', by: 'citizen', reason: false },
  reject: { from: ['submitted', 'verified', 'approved'], to: 'rejected', by: 'verifier', reason: true },
  // to the higher unit, which verifies again with its own officers
  forward: { from: ['verified'], to: 'submitted', by: 'verifier', reason: false },
  approve: { from: ['verified'], to: 'approved', by: 'signer', reason: false },
  sign: { from: ['approved'], to: 'issued', by: 'signer', reason: false },
};

export type Transition = { ok: true; to: State; rule: Rule } | { ok: false; code: 'layanan.bad_transition' | 'layanan.reason_required' };

/** Can `action` be taken on an application in `state`? (`forwardable`: the service has a higher unit) */
export function transition(state: State, action: Exclude<Action, 'submit'>, opts: { reason?: string; forwardable?: boolean } = {}): Transition {
  const rule = RULES[action];
  if (!rule.from.includes(state)) return { ok: false, code: 'layanan.bad_transition' };
  if (action === 'forward' && !opts.forwardable) return { ok: false, code: 'layanan.bad_transition' };
  if (rule.reason && !(opts.reason ?? '').trim()) return { ok: false, code: 'layanan.reason_required' };
  return { ok: true, to: rule.to, rule };
}

/** the actions open to an officer taking `taker`'s part on an application in `state` */
export function actionsFor(state: State, taker: Taker, forwardable: boolean): Exclude<Action, 'submit'>[] {
  return (Object.keys(RULES) as Exclude<Action, 'submit'>[])
    .filter((a) => RULES[a].by === taker && RULES[a].from.includes(state) && (a !== 'forward' || forwardable));
}
