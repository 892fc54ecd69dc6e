// `gapura user add --email <e> --role <role> --unit <code> [--name <n>]`: the first platform admin
// of a new installation is made this way, and admins can script more. The password comes from
// stdin when stdin is not a terminal (`echo '…' | npx gapura user add …`); otherwise a one-time
// password is generated, printed once, and must be changed at the first sign-in.
import { UsageError, parseFlags } from '../../platform/cli-args.ts';
import { allRoles } from '../../platform/access/can.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import { isEmail } from '../../platform/auth/email.ts';
import { hashPassword, passwordProblems } from '../../platform/auth/password.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { translator } from '../../platform/i18n/index.ts';
import { createStaff, findStaffByEmail, grantRole, isRole, oneTimePassword, unitByCode } from './service.ts';

export const USER_ADD_USAGE = `user add --email <email> --role <role> --unit <unit code> [--name <name>]
                             add a staff member (or a role to one); password from stdin, else a one-time password`;

export interface CliIo {
  stdinIsTTY: boolean;
  readStdin(): Promise<string>;
  out(s: string): void;
  err(s: string): void;
}

export const processIo: CliIo = {
  stdinIsTTY: !!process.stdin.isTTY,
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

export async function runUserAdd(args: string[], ctx: AppContext, io: CliIo = processIo): Promise<number> {
  const { flags, positional } = parseFlags(args, ['email', 'role', 'unit', 'name']);
  if (positional.length) throw new UsageError(`Unexpected argument ${positional[0]}`);
  for (const k of ['email', 'role', 'unit']) if (!flags[k]) throw new UsageError(`Missing --${k}`);
  const email = flags.email.trim().toLowerCase();
  if (!isEmail(email)) throw new UsageError(`Not an email address: ${flags.email}`);
  const role = flags.role;
  if (!isRole(role)) throw new UsageError(`Unknown role ${flags.role}; one of: ${allRoles().join(', ')}`);
  const unit = await unitByCode(ctx.db, flags.unit);
  if (!unit) {
    io.err(`No active unit with code ${flags.unit}. Load the region pack first (gapura region load) and use a code such as 16.71 or 16.71.01.\n`);
    return 1;
  }
  const actor = systemActor('cli');
  const existing = await findStaffByEmail(ctx.db, email);
  if (existing) {
    const added = await ctx.db.transaction().execute((tx) => grantRole(tx, actor, Number(existing.id), role, Number(unit.id)));
    io.out(added ? `Added role ${role} in ${unit.name} (${unit.code}) to ${existing.name} <${email}>.\n` : `${existing.name} <${email}> already holds ${role} in ${unit.code}.\n`);
    return 0;
  }

  let password: string;
  let oneTime = false;
  if (io.stdinIsTTY) {
    password = oneTimePassword();
    oneTime = true;
  } else {
    password = (await io.readStdin()).replace(/\r?\n$/, '');
    const problems = passwordProblems(password, { email, name: flags.name });
    if (problems.length) {
      const t = translator('en');
      io.err(`The password from stdin is not accepted: ${problems.map((p: string) => t(p)).join('; ')}\n`);
      return 1;
    }
  }
  const name = (flags.name ?? email.split('@')[0]).slice(0, 200);
  const passwordHash = await hashPassword(password); // before the transaction: argon2 is slow
  const id = await ctx.db.transaction().execute((tx) =>
    createStaff(tx, actor, { name, email, passwordHash, mustChange: oneTime, grants: [{ role, unitId: Number(unit.id) }] }),
  );
  io.out(`Created staff member #${id} ${name} <${email}> as ${role} in ${unit.name} (${unit.code}).\n`);
  if (oneTime) io.out(`One-time password (shown once; must be changed at first sign-in): ${password}\n`);
  if (role === 'platform_admin' || role === 'unit_admin') io.out('An authenticator app will be set up at the first sign-in (/petugas/masuk).\n');
  return 0;
}
