/** @jsxImportSource hono/jsx */
// Pages: the public directory (/instansi) and the back office (/petugas/unit, /petugas/branding).
// Thin: parse → authorize → service → render or redirect.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { can, scopePaths } from '../../platform/access/can.ts';
import { verifyCsrfValue } from '../../platform/http/csrf.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { CONTACT_KEYS, BrandingForm, ContactForm, MessageQuery, NewUnitForm, NewUnitQuery, StatusForm, UnitForm } from './schema.ts';
import {
  childrenOf, createUnit, findUnit, listUnits, readBranding, setActive, updateBranding, updateContact, updateUnit, type UnitRow,
} from './service.ts';
import { profileOf, ProfileForm, saveProfile, servicesOf } from './profile.ts';
import { ProfilePage } from './views/profile.tsx';
import { DirectoryPage, UnitPage, displayName } from './views/public.tsx';
import { BrandingPage, ImportPage, TreePage, UnitFormPage, type ParentOption } from './views/staff.tsx';
import { contactTemplate, importContacts } from './contacts-csv.ts';

const MAX_CSV_BYTES = 1024 * 1024;
const isUpload = (c: Context<Env>) => (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
const uploadLimit = bodyLimit({ maxSize: MAX_CSV_BYTES + 64 * 1024, onError: () => { throw new AppError('body_too_large', 'units.import.error.too_large'); } });

/** Which units this person may change the contact of: all for units.manage, else their own and below. */
function contactEditor(c: Context<Env>): (u: UnitRow) => boolean {
  const actor = c.get('actor');
  const manage = can(actor, 'units.manage');
  return (u) => manage || can(actor, 'units.edit_contact', { unitPath: u.path });
}

/** The CSV import is for platform admins and unit admins (for their units); anyone else: 403. */
function authorizeImport(c: Context<Env>) {
  authorize(c, 'units.staff_view');
  const actor = c.get('actor');
  if (!can(actor, 'units.manage') && scopePaths(actor, 'units.edit_contact')?.length === 0) throw new AppError('forbidden', 'error.forbidden');
}

/** The uploaded file as text, or the i18n key of what is wrong with it. */
async function csvText(file: unknown): Promise<{ text: string } | { error: string }> {
  if (!(file instanceof File) || file.size === 0) return { error: 'units.import.error.no_file' };
  if (file.size > MAX_CSV_BYTES) return { error: 'units.import.error.too_large' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { error: 'units.import.error.not_utf8' };
  }
  // PostgreSQL refuses NUL; no contact has any other control character either
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return { error: 'units.import.error.control' };
  return { text };
}

/** The form values of an existing unit. */
function unitValues(u: UnitRow): FormData {
  const v: FormData = { name: u.name, kind: u.kind, parent: u.parentCode ?? '' };
  for (const k of CONTACT_KEYS) v[k] = u.contact[k] ?? '';
  return v;
}

async function parentOptions(c: Context<Env>, except?: UnitRow): Promise<ParentOption[]> {
  const t = c.get('t');
  const units = await listUnits(c.get('app').db);
  return units
    .filter((u) => (u.kind === 'region' || u.kind === 'kecamatan' || u.kind === 'opd') && (!except || !u.path.startsWith(except.path)))
    .map((u) => ({ code: u.code, label: `${displayName(t, u)} (${u.code})` }));
}

/**
 * Who may edit what: platform admins (units.manage) everything but the region unit's name and place;
 * a unit's own admin (units.edit_contact, their unit or below) its contact details. Anyone else is
 * told the unit does not exist, as for any record outside their scope.
 */
function editMode(c: Context<Env>, unit: UnitRow | undefined): 'full' | 'contact' {
  if (unit && can(c.get('actor'), 'units.manage')) return unit.kind === 'region' ? 'contact' : 'full';
  authorizeOr404(c, 'units.edit_contact', unit ? { unitPath: unit.path } : undefined);
  return 'contact';
}

export function unitRoutes(app: Hono<Env>, ctx: AppContext) {
  // ---- public directory
  app.get('/instansi', async (c) => {
    authorize(c, 'units.view');
    return c.html(<DirectoryPage c={c} units={await listUnits(ctx.db)} />);
  });

  app.get('/instansi/:code', async (c) => {
    authorize(c, 'units.view');
    const unit = await findUnit(ctx.db, c.req.param('code'));
    if (!unit || !unit.active) throw new AppError('not_found', 'error.not_found');
    const parent = unit.parentCode ? await findUnit(ctx.db, unit.parentCode) : undefined;
    const [children, profile, services] = await Promise.all([childrenOf(ctx.db, unit.id), profileOf(ctx.db, unit.id), servicesOf(ctx, unit)]);
    return c.html(<UnitPage c={c} unit={unit} parent={parent} children={children} profile={profile} services={services} />);
  });

  // the old portal's "Direktori OPD" addresses: the directory is /instansi
  app.get('/opd', (c) => c.redirect('/instansi', 301));
  app.get('/opd/:x', (c) => c.redirect(`/instansi/${encodeURIComponent(c.req.param('x'))}`, 301));

  // ---- back office: a unit's profile (tasks and functions, head, opening hours)
  const profileUnit = async (c: Context<Env>) => {
    const unit = await findUnit(ctx.db, c.req.param('code') ?? '');
    authorizeOr404(c, 'units.edit_contact', unit ? { unitPath: unit.path } : undefined);
    return unit!;
  };
  app.get('/petugas/unit/:code/profil', async (c) => {
    const unit = await profileUnit(c);
    const p = await profileOf(ctx.db, unit.id);
    return c.html(<ProfilePage c={c} unit={unit} values={{ tasks: p.tasks, headName: p.headName, headTitle: p.headTitle, openingHours: p.openingHours }} errors={{}} />);
  });
  app.post('/petugas/unit/:code/profil', async (c) => {
    const unit = await profileUnit(c);
    const r = await parseForm(c, ProfileForm);
    if (!r.ok) {
      c.status(422);
      return c.html(<ProfilePage c={c} unit={unit} values={r.values} errors={r.errors} />);
    }
    await saveProfile(ctx.db, actorFromRequest(c), unit, r.data);
    return c.redirect(`/petugas/unit?pesan=disimpan`, 303);
  });

  // ---- back office: the tree
  app.get('/petugas/unit', query('pesan', 'diubah'), async (c) => {
    authorize(c, 'units.staff_view');
    const q = parseQuery(c, MessageQuery);
    const actor = c.get('actor');
    const canManage = can(actor, 'units.manage');
    const canEdit = contactEditor(c);
    const canImport = canManage || scopePaths(actor, 'units.edit_contact')?.length !== 0;
    return c.html(
      <TreePage c={c} units={await listUnits(ctx.db, { includeInactive: true })} canManage={canManage} canEdit={canEdit} canImport={canImport}
        message={q.pesan} changed={q.diubah} />,
    );
  });

  // ---- contacts in bulk: CSV template and import (before /petugas/unit/:code, which would match)
  app.get('/petugas/unit/impor', (c) => {
    authorizeImport(c);
    return c.html(<ImportPage c={c} />);
  });

  app.get('/petugas/unit/impor/templat.csv', async (c) => {
    authorizeImport(c);
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="kontak-unit.csv"');
    return c.body(await contactTemplate(ctx.db, contactEditor(c)));
  });

  app.post(
    '/petugas/unit/impor',
    // the platform limits every other body; an upload gets this limit (the file plus the form)
    (c, next) => (isUpload(c) ? uploadLimit(c, next) : next()),
    async (c) => {
      authorizeImport(c);
      // a form without a file (not multipart: the platform has read and checked it already)
      if (!isUpload(c)) {
        c.status(422);
        return c.html(<ImportPage c={c} fileError="units.import.error.no_file" />);
      }
      const body = await c.req.parseBody();
      verifyCsrfValue(c, typeof body._csrf === 'string' ? body._csrf : undefined);
      const file = await csvText(body.berkas);
      if ('error' in file) {
        c.status(422);
        return c.html(<ImportPage c={c} fileError={file.error} />);
      }
      const r = await importContacts(ctx.db, actorFromRequest(c), contactEditor(c), file.text);
      if (!r.ok) {
        c.status(422);
        return c.html(<ImportPage c={c} rowErrors={r.errors} />);
      }
      return c.redirect(`/petugas/unit?pesan=diimpor&diubah=${r.changed}`, 303);
    },
  );

  // ---- creating
  app.get('/petugas/unit/baru', query('induk'), async (c) => {
    authorize(c, 'units.manage');
    const q = parseQuery(c, NewUnitQuery);
    return c.html(<UnitFormPage c={c} mode="new" values={{ parent: q.induk ?? '' }} errors={{}} parents={await parentOptions(c)} />);
  });

  app.post('/petugas/unit/baru', async (c) => {
    authorize(c, 'units.manage');
    const r = await parseForm(c, NewUnitForm);
    const again = async (values: FormData, errors: FieldErrors) => {
      c.status(422);
      return c.html(<UnitFormPage c={c} mode="new" values={values} errors={errors} parents={await parentOptions(c)} />);
    };
    if (!r.ok) return again(r.values, r.errors);
    const saved = await createUnit(ctx.db, actorFromRequest(c), r.data);
    if (!saved.ok) return again(r.values, saved.errors);
    return c.redirect(`/petugas/unit?pesan=dibuat`, 303);
  });

  // ---- editing
  app.get('/petugas/unit/:code', async (c) => {
    const unit = await findUnit(ctx.db, c.req.param('code'));
    const mode = editMode(c, unit);
    return c.html(
      <UnitFormPage c={c} mode={mode} unit={unit} values={unitValues(unit!)} errors={{}} parents={mode === 'full' ? await parentOptions(c, unit) : []}
        canManage={can(c.get('actor'), 'units.manage')} />,
    );
  });

  app.post('/petugas/unit/:code', async (c) => {
    const unit = (await findUnit(ctx.db, c.req.param('code')))!;
    const mode = editMode(c, unit);
    const again = async (values: FormData, errors: FieldErrors) => {
      c.status(422);
      return c.html(
        <UnitFormPage c={c} mode={mode} unit={unit} values={values} errors={errors} parents={mode === 'full' ? await parentOptions(c, unit) : []}
          canManage={can(c.get('actor'), 'units.manage')} />,
      );
    };
    const actor = actorFromRequest(c);
    if (mode === 'full') {
      const r = await parseForm(c, UnitForm);
      if (!r.ok) return again(r.values, r.errors);
      const saved = await updateUnit(ctx.db, actor, unit.code, r.data);
      if (!saved.ok) return again(r.values, saved.errors);
    } else {
      const r = await parseForm(c, ContactForm);
      if (!r.ok) return again(r.values, r.errors);
      const saved = await updateContact(ctx.db, actor, unit.code, r.data);
      if (!saved.ok) return again(r.values, saved.errors);
    }
    ctx.region.invalidate?.();
    return c.redirect(`/petugas/unit?pesan=disimpan`, 303);
  });

  app.post('/petugas/unit/:code/status', async (c) => {
    authorize(c, 'units.manage');
    const unit = await findUnit(ctx.db, c.req.param('code'));
    if (!unit) throw new AppError('not_found', 'error.not_found');
    const r = await parseForm(c, StatusForm);
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    const active = r.data.active === '1';
    const saved = await setActive(ctx.db, actorFromRequest(c), unit.code, active);
    if (!saved.ok) {
      c.status(422);
      return c.html(<UnitFormPage c={c} mode="full" unit={unit} values={unitValues(unit)} errors={saved.errors} parents={await parentOptions(c, unit)} canManage />);
    }
    return c.redirect(`/petugas/unit?pesan=${active ? 'diaktifkan' : 'dinonaktifkan'}`, 303);
  });

  // ---- branding
  const brandingValues = async (): Promise<FormData> => {
    const r = await readBranding(ctx.db);
    const b = r?.branding ?? {};
    const v: FormData = {
      name: b.name ?? r?.name ?? '', shortName: b.shortName ?? '',
      primary: b.colors?.primary ?? '#0b5394', primaryText: b.colors?.primaryText ?? '#ffffff', accent: b.colors?.accent ?? '#b45309',
    };
    for (const k of CONTACT_KEYS) v[k] = b.contact?.[k] ?? '';
    return v;
  };

  app.get('/petugas/branding', query('pesan'), async (c) => {
    authorize(c, 'units.branding');
    const q = parseQuery(c, MessageQuery);
    return c.html(<BrandingPage c={c} values={await brandingValues()} errors={{}} saved={q.pesan === 'disimpan'} />);
  });

  app.post('/petugas/branding', async (c) => {
    authorize(c, 'units.branding');
    const r = await parseForm(c, BrandingForm);
    if (!r.ok) {
      c.status(422);
      return c.html(<BrandingPage c={c} values={r.values} errors={r.errors} />);
    }
    const saved = await updateBranding(ctx.db, actorFromRequest(c), r.data);
    if (!saved.ok) {
      c.status(422);
      return c.html(<BrandingPage c={c} values={r.values} errors={saved.errors} params={saved.params} />);
    }
    ctx.region.invalidate?.();
    return c.redirect('/petugas/branding?pesan=disimpan', 303);
  });
}
