/** @jsxImportSource hono/jsx */
// Pages: the catalog (/layanan), one service (/layanan/{slug}), its blank form (formulir.pdf) and the
// back office (/petugas/layanan). Thin: parse → authorize → one service call → render or redirect.
import type { Context, Hono } from 'hono';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { satisfactionScore } from '../satisfaction/module.ts';
import { blankForm } from './pdf.ts';
import { CatalogQuery, EditForm, EditMessage, SlugParam } from './schema.ts';
import * as service from './service.ts';
import type { ServiceRow } from './service.ts';
import { CATALOG_PATH, CatalogPage, ServicePage } from './views/public.tsx';
import { EditPage, editValues, STAFF_PATH, StaffList } from './views/staff.tsx';

export function layananRoutes(app: Hono<Env>, ctx: AppContext) {
  const publicService = async (c: Context<Env>): Promise<ServiceRow> => {
    const slug = SlugParam.safeParse(c.req.param('slug'));
    const s = slug.success ? await service.publicService(ctx.db, slug.data) : undefined;
    if (!s) throw new AppError('not_found');
    return s;
  };

  app.get(CATALOG_PATH, query('q', 'unit'), async (c) => {
    authorize(c, 'layanan.view');
    const q = parseQuery(c, CatalogQuery);
    const groups = await service.catalog(ctx.db, q);
    return c.html(<CatalogPage c={c} groups={groups} q={q.q} unit={q.unit} />);
  });

  app.get(`${CATALOG_PATH}/:slug`, async (c) => {
    authorize(c, 'layanan.view');
    const s = await publicService(c);
    const [counts, ikm] = await Promise.all([service.unitCounts(ctx.db), satisfactionScore(ctx, { source: 'layanan', subject: s.slug })]);
    return c.html(<ServicePage c={c} s={s} units={counts[s.unitKind] ?? 0} ikm={ikm} />);
  });

  app.get(`${CATALOG_PATH}/:slug/formulir.pdf`, async (c) => {
    authorize(c, 'layanan.view');
    const s = await publicService(c);
    const t = c.get('t');
    const region = c.get('region');
    const pdf = await blankForm(s, {
      title: t('layanan.pdf.title', { name: s.name }),
      region: region.branding.name ?? region.name,
      unitLine: t(`layanan.pdf.unit.${s.unitKind}`),
      requirements: t('layanan.pdf.requirements'),
      signature: t('layanan.pdf.signature'),
      date: t('layanan.pdf.date'),
      footer: t('layanan.pdf.footer', { url: new URL(`${CATALOG_PATH}/${s.slug}`, c.req.url).pathname }),
    });
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="formulir-${s.slug}.pdf"`,
    });
  });

  // ---- back office
  const editable = async (c: Context<Env>): Promise<ServiceRow> => {
    const slug = SlugParam.safeParse(c.req.param('slug'));
    const s = slug.success ? await service.findService(ctx.db, slug.data) : undefined;
    if (s && service.mayEdit(c.get('actor'), s)) return s;
    authorizeOr404(c, 'layanan.manage', s ? { unitPath: s.owner.path } : undefined);
    return s!;
  };
  const edit = (c: Context<Env>, s: ServiceRow, values: FormData, errors: FieldErrors, status: 200 | 422 = 200) => {
    c.status(status);
    return c.html(<EditPage c={c} s={s} values={values} errors={errors} />);
  };

  app.get(STAFF_PATH, query('pesan'), async (c) => {
    authorize(c, 'layanan.manage');
    const q = parseQuery(c, EditMessage);
    return c.html(<StaffList c={c} services={await service.staffList(ctx.db, c.get('actor'))} message={q.pesan} />);
  });

  app.get(`${STAFF_PATH}/:slug`, async (c) => {
    const s = await editable(c);
    return edit(c, s, editValues(s), {});
  });

  app.post(`${STAFF_PATH}/:slug`, async (c) => {
    const s = await editable(c);
    const r = await parseForm(c, EditForm);
    if (!r.ok) return edit(c, s, r.values, r.errors, 422);
    await service.editService(ctx.db, actorFromRequest(c), s.slug, r.data);
    return c.redirect(`${STAFF_PATH}?pesan=disimpan`, 303);
  });
}
