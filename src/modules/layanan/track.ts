// /lacak without an account: tracking number + PIN, limited so that guessing PINs does not pay and
// an attacker's guesses never lock the owner out (the shape of sign-in's limits, ADR 017):
// - per (number, address): blocks after a few failures — an attacker slows only themselves;
// - per address over every number: blocks a sprayer; a success never clears it;
// - per number over every address: a ceiling that never blocks outright; beyond it, an address that
//   has already failed on this number gets no more tries for a while, while an address that has not
//   (the owner typing the right PIN) still opens it. Guessing from many addresses buys one try each.
// The answer never says which part was wrong. No NIK, no PIN, no number in clear in the limit keys.
import { sha256 } from '../../platform/crypto.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertNotLimited, clearLimit, countFailure, failureCount, recordFailure, type LimitPolicy } from '../../platform/http/ratelimit.ts';
import { lookup, normalizeTracking, type ApplicationRecord } from './applications.ts';
import { stepsOf } from './applications-repo.ts';

export const TRACK_POLICY = {
  pair: { free: 5, windowSeconds: 900, baseDelaySeconds: 30 },
  address: { free: 30, windowSeconds: 900, baseDelaySeconds: 60 },
  ceiling: { free: 10, windowSeconds: 3600, baseDelaySeconds: 0 },
} satisfies Record<string, LimitPolicy>;

const keysOf = (trackingInput: string, ip: string) => {
  const n = sha256(`layanan.track:${normalizeTracking(trackingInput) ?? trackingInput.trim().toUpperCase()}`);
  return { pair: `lacak:${n}:ip:${ip}`, address: `lacak:ip:${ip}`, ceiling: `lacak:${n}` };
};

/** The application for number + PIN, or undefined; throws rate_limited (429) while this address must wait. */
export async function track(ctx: AppContext, input: { tracking: string; pin: string; ip: string }): Promise<ApplicationRecord | undefined> {
  const k = keysOf(input.tracking, input.ip);
  await assertNotLimited(ctx.db, [k.pair, k.address]);
  const beyond = (await failureCount(ctx.db, k.ceiling, TRACK_POLICY.ceiling)) >= TRACK_POLICY.ceiling.free;
  if (beyond && (await failureCount(ctx.db, k.pair, TRACK_POLICY.pair)) > 0) throw new AppError('rate_limited', 'error.rate_limited', {}, { seconds: 900 });
  const app = await lookup(ctx, input.tracking, input.pin);
  if (!app) {
    await recordFailure(ctx.db, [k.pair], TRACK_POLICY.pair);
    await recordFailure(ctx.db, [k.address], TRACK_POLICY.address);
    await countFailure(ctx.db, k.ceiling, TRACK_POLICY.ceiling);
    return undefined;
  }
  await clearLimit(ctx.db, [k.pair]);
  return app;
}

/** The timeline as the citizen sees it: what happened, when, at which unit and in which role — never the officer's name. */
export async function timeline(ctx: AppContext, applicationId: number) {
  return (await stepsOf(ctx.db, applicationId)).map((s) => ({ action: s.action, to: s.to_state, at: s.at, unit: s.unit_name, role: s.actor_role, note: s.note }));
}
export type TimelineStep = Awaited<ReturnType<typeof timeline>>[number];
