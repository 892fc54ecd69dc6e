/** @jsxImportSource hono/jsx */
// Back office /petugas/audit: the list (filters in the query string), one entry, the integrity
// check. All reads: nothing here changes state.
import type { Hono } from 'hono';
import { authorize } from '../../platform/access/guard.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { query, zodErrors, type FormData } from '../../platform/http/input.ts';
import { AUDIT_QUERY_KEYS, AuditQuery } from './schema.ts';
import { auditScope, canSeeEntry, findEntry, listAudit } from './service.ts';
import { AuditListPage, EntryPage, VerifyPage } from './views/pages.tsx';

export function auditRoutes(app: Hono<Env>, ctx: AppContext) {
  app.get('/petugas/audit', query(...AUDIT_QUERY_KEYS), async (c) => {
    authorize(c, 'audit.view');
    const scope = auditScope(c.get('actor'));
    const values = c.req.query() as FormData;
    const q = AuditQuery.safeParse(values);
    if (!q.success) {
      c.status(422);
      return c.html(<AuditListPage c={c} values={values} errors={zodErrors(q.error)} rows={[]} page={1} hasNext={false} scopeAll={scope === null} />);
    }
    const f = q.data;
    const { rows, hasNext } = await listAudit(
      ctx.db,
      scope,
      { action: f.aksi, subjectType: f.jenis, subjectId: f.subjek, from: f.dari, to: f.sampai },
      f.halaman,
      c.get('region').timeZone,
    );
    return c.html(<AuditListPage c={c} values={values} errors={{}} rows={rows} page={f.halaman} hasNext={hasNext} scopeAll={scope === null} />);
  });

  app.get('/petugas/audit/periksa', async (c) => {
    authorize(c, 'audit.verify');
    const result = await verifyAuditChain(ctx.db);
    return c.html(<VerifyPage c={c} result={result} />);
  });

  app.get('/petugas/audit/:id', async (c) => {
    authorize(c, 'audit.view');
    const id = c.req.param('id');
    const entry = /^[0-9]{1,15}$/.test(id) ? await findEntry(ctx.db, Number(id)) : undefined;
    // an entry outside one's units looks exactly like one that does not exist
    if (!entry || !canSeeEntry(auditScope(c.get('actor')), entry.unit_path)) throw new AppError('not_found', 'error.not_found');
    return c.html(<EntryPage c={c} entry={entry} />);
  });
}
