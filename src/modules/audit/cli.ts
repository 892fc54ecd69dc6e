// `gapura audit verify [--contains <hash>]`: walks the whole audit trail and checks its hash chain
// and anchor (platform/audit/verify.ts). Exit 0 when intact, 1 at the first broken entry.
import { UsageError, parseFlags } from '../../platform/cli-args.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import type { AppContext } from '../../platform/http/context.ts';

export const AUDIT_VERIFY_USAGE = `audit verify [--contains <hash>]
                             check the audit trail's hash chain; --contains: a hash recorded earlier must still be in it`;

export async function runAuditVerify(args: string[], ctx: AppContext, out: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  const { flags, positional } = parseFlags(args, ['contains']);
  if (positional.length) throw new UsageError(`Unexpected argument ${positional[0]}`);
  if (flags.contains !== undefined && !/^[0-9a-f]{64}$/.test(flags.contains)) throw new UsageError('--contains takes a 64-character hex hash');
  const r = await verifyAuditChain(ctx.db, { contains: flags.contains });
  if (r.ok) {
    out(`Audit trail OK: ${r.checked} entries\n`);
    if (r.lastHash) out(`Latest hash: ${r.lastHash}\n(Keep a copy of it outside this server; \`gapura audit verify --contains <hash>\` checks it later.)\n`);
    return 0;
  }
  const b = r.firstBroken!;
  out(`Audit trail BROKEN after ${r.checked} intact entries.\n`);
  if (b.code === 'hash_not_found') out(`  ${b.reason}: ${flags.contains}\n`);
  else {
    out(`  entry:  ${b.id}${b.code === 'newest_missing' ? ' (missing)' : ''}\n`);
    if (b.at) out(`  time:   ${b.at}\n`);
    if (b.action) out(`  action: ${b.action}\n`);
    out(`  reason: ${b.reason}\n`);
  }
  return 1;
}
