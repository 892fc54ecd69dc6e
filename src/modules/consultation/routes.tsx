/** @jsxImportSource hono/jsx */
// Pages of /tanya and /petugas/tanya. Thin: parse → authorize → one service call → render or redirect.
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { csrfCookieName } from '../../platform/http/csrf.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, validate, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { noStore } from '../../platform/http/page-cache.ts';
import { serviceTopics } from '../layanan/module.ts';
import { AnswerForm, FaqForm, FollowQuery, HomeQuery, IdParam, MessageQuery, QuestionStep, SendForm, SuggestQuery, VoteForm } from './schema.ts';
import * as service from './service.ts';
import { atomFeed } from './feed.ts';
import { SUGGEST_SCRIPT } from './suggest-script.ts';
import { AskPage, CheckPage, FaqPage, FollowPage, HomePage, SCRIPT_PATH, StatsPage } from './views/public.tsx';
import { faqHref, PUBLIC_PATH, STAFF_PATH } from './views/shared.tsx';
import { FaqEditPage, QueuePage, QuestionPage } from './views/staff.tsx';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** Who marks an FAQ entry: the signed-in person, else this browser's session or visitor cookie (hashed). */
function voterOf(c: Context<Env>): string | undefined {
  const actor = c.get('actor');
  if (actor.kind !== 'anonymous') return `u:${actor.userId}`;
  const session = c.get('session');
  if (session) return `s:${session.idHash}`;
  const seed = getCookie(c, csrfCookieName(c));
  return seed ? `s:${sha256(seed)}` : undefined;
}

export function consultationRoutes(app: Hono<Env>, ctx: AppContext, settings: { deadlineDays: number }) {
  const serviceNames = async () => new Map((await serviceTopics(ctx.db)).map((s) => [s.slug, s.name]));

  // ---- public
  app.get(PUBLIC_PATH, query('q'), async (c) => {
    authorize(c, 'consultation.view');
    const q = parseQuery(c, HomeQuery);
    const now = ctx.clock.now();
    const [faq, names, results, figs] = await Promise.all([
      service.listFaq(ctx.db), serviceNames(), q.q.trim() ? service.searchFaq(ctx.db, q.q) : Promise.resolve(undefined),
      service.figures(ctx, { from: new Date(now.getTime() - YEAR_MS), to: now }),
    ]);
    const t = c.get('t');
    const topicName = (f: service.FaqRow) => (f.serviceSlug ? names.get(f.serviceSlug) ?? f.serviceSlug : f.unit.name) || t('consultation.home.other');
    return c.html(<HomePage c={c} faq={faq} topicName={topicName} q={q.q} results={results} total={figs.total} />);
  });

  app.get(SCRIPT_PATH, (c) => {
    authorize(c, 'consultation.view');
    return c.body(SUGGEST_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' });
  });

  app.get(`${PUBLIC_PATH}/saran.json`, query('q'), async (c) => {
    authorize(c, 'consultation.view');
    const q = parseQuery(c, SuggestQuery);
    const list = await service.similarFaq(ctx.db, q.q);
    return c.json({ faq: list.map((f) => ({ slug: f.slug, url: faqHref(f.slug), question: f.question, meToo: f.metoo })) });
  });

  app.get(`${PUBLIC_PATH}/umpan.atom`, async (c) => {
    authorize(c, 'consultation.view');
    const region = c.get('region');
    const xml = atomFeed({ baseUrl: ctx.config.baseUrl, title: c.get('t')('consultation.feed.title', { region: region.name }), entries: (await service.listFaq(ctx.db)).slice(0, 50) });
    return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });

  app.get(`${PUBLIC_PATH}/statistik`, async (c) => {
    authorize(c, 'consultation.view');
    const to = ctx.clock.now();
    const from = new Date(to.getTime() - YEAR_MS);
    const f = await service.figures(ctx, { from, to });
    return c.html(<StatsPage c={c} perUnit={f.perUnit} total={f.total} from={from} to={to} />);
  });

  const askPage = async (c: Context<Env>, values: FormData, errors: FieldErrors, status: 200 | 422 = 200) => {
    c.status(status);
    return c.html(<AskPage c={c} tp={await service.topics(ctx.db)} values={values} errors={errors} />);
  };
  const checkPage = async (c: Context<Env>, values: FormData, errors: FieldErrors, status: 200 | 422 = 200) => {
    const tp = await service.topics(ctx.db);
    c.status(status);
    const similar = await service.similarFaq(ctx.db, values.question ?? '');
    const idem = /^[A-Za-z0-9_-]{16,64}$/.test(values.idem ?? '') ? values.idem : randomToken(18);
    return c.html(<CheckPage c={c} tp={tp} values={values} errors={errors} similar={similar} needsPlace={service.needsPlace(tp, values.topic ?? '')} signedIn={c.get('actor').kind === 'citizen'} idem={idem} />);
  };

  app.get(`${PUBLIC_PATH}/baru`, async (c) => {
    authorize(c, 'consultation.ask');
    return askPage(c, {}, {});
  });

  // step 1 → the check step (similar answers, where the asker lives, how to reach them)
  app.post(`${PUBLIC_PATH}/baru`, async (c) => {
    authorize(c, 'consultation.ask');
    const r = await parseForm(c, QuestionStep);
    if (!r.ok) return askPage(c, r.values, r.errors, 422);
    const tp = await service.topics(ctx.db);
    const known = r.data.topic.startsWith('unit:') ? tp.offices.some((o) => `unit:${o.code}` === r.data.topic) : tp.services.some((s) => `layanan:${s.slug}` === r.data.topic);
    if (!known) return askPage(c, r.values, { topic: 'consultation.error.topic' }, 422);
    return checkPage(c, r.values, {});
  });

  app.post(`${PUBLIC_PATH}/baru/kirim`, async (c) => {
    authorize(c, 'consultation.ask');
    const r = await parseForm(c, SendForm);
    if (!r.ok) {
      // the question itself is wrong: back to the first step; otherwise the check step again
      const first = validate(QuestionStep, r.values);
      return first.ok ? checkPage(c, r.values, r.errors, 422) : askPage(c, r.values, first.errors, 422);
    }
    const asked = await service.ask(ctx, c.get('actor'), r.data, settings.deadlineDays);
    if (!asked.ok) return checkPage(c, r.values, asked.errors, 422);
    return c.redirect(`${service.followHref(ctx.config.secret, asked.tracking)}&baru=1`, 303);
  });

  app.get(`${PUBLIC_PATH}/lacak/:tracking`, query('kunci', 'baru'), async (c) => {
    authorize(c, 'consultation.view');
    noStore(c);
    const q = parseQuery(c, FollowQuery);
    const found = await service.followed(ctx, c.req.param('tracking'), q.kunci);
    if (!found) throw new AppError('consultation.not_found');
    return c.html(<FollowPage c={c} q={found} overdue={service.isOverdue(found, ctx.clock.now())} created={q.baru === '1'} />);
  });

  const faqOr404 = async (c: Context<Env>) => {
    const f = await service.findFaq(ctx.db, c.req.param('slug') ?? '');
    if (!f) throw new AppError('not_found');
    return f;
  };

  app.get(`${PUBLIC_PATH}/:slug`, query('pesan'), async (c) => {
    authorize(c, 'consultation.view');
    const f = await faqOr404(c);
    const q = parseQuery(c, MessageQuery);
    const voter = voterOf(c);
    const marked = voter ? { metoo: await service.hasMark(ctx.db, f.id, 'metoo', voter), vote: await service.hasMark(ctx.db, f.id, 'vote', voter) } : { metoo: false, vote: false };
    const name = f.serviceSlug ? (await serviceNames()).get(f.serviceSlug) : undefined;
    const message = ['juga', 'sudah_juga', 'terima_kasih', 'sudah_menilai'].includes(q.pesan) ? q.pesan : '';
    return c.html(<FaqPage c={c} f={f} service={name && f.serviceSlug ? { name, href: `/layanan/${f.serviceSlug}` } : undefined} message={message} marked={marked} />);
  });

  app.post(`${PUBLIC_PATH}/:slug/juga`, async (c) => {
    authorize(c, 'consultation.view');
    const f = await faqOr404(c);
    const voter = voterOf(c);
    const added = voter ? await service.meToo(ctx, f.id, voter) : false;
    return c.redirect(`${faqHref(f.slug)}?pesan=${added ? 'juga' : 'sudah_juga'}#juga`, 303);
  });

  app.post(`${PUBLIC_PATH}/:slug/membantu`, async (c) => {
    authorize(c, 'consultation.view');
    const f = await faqOr404(c);
    const r = await parseForm(c, VoteForm);
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    const voter = voterOf(c);
    const added = voter ? await service.vote(ctx, f.id, voter, r.data.helpful === 'ya') : false;
    return c.redirect(`${faqHref(f.slug)}?pesan=${added ? 'terima_kasih' : 'sudah_menilai'}#membantu`, 303);
  });

  // ---- back office
  app.get(STAFF_PATH, query('pesan'), async (c) => {
    authorize(c, 'consultation.answer');
    const q = parseQuery(c, MessageQuery);
    const actor = c.get('actor');
    const [{ open, answered }, faq] = await Promise.all([service.queue(ctx, actor), service.staffFaq(ctx.db, actor)]);
    const message = ['dijawab', 'diterbitkan', 'disimpan'].includes(q.pesan) ? q.pesan : '';
    return c.html(<QueuePage c={c} open={open} answered={answered} faq={faq} now={ctx.clock.now()} message={message} />);
  });

  /** The question in the path, if this officer's unit answers it; otherwise 404, as if it did not exist. */
  const answerable = async (c: Context<Env>) => {
    const id = IdParam.safeParse(c.req.param('id'));
    const q = id.success ? await service.findQuestion(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'consultation.answer', q ? { unitPath: q.unit.path } : undefined);
    return q!;
  };
  const questionPage = async (c: Context<Env>, q: service.QuestionRow, values: FormData, errors: FieldErrors, status: 200 | 422 = 200) => {
    c.status(status);
    const faq = q.faqId ? await service.findFaqById(ctx.db, q.faqId) : undefined;
    // the service's legal basis is the usual starting point for the FAQ entry's
    const legal = q.serviceSlug ? (await serviceTopics(ctx.db)).find((s) => s.slug === q.serviceSlug)?.legalBasis ?? '' : '';
    return c.html(<QuestionPage c={c} q={q} now={ctx.clock.now()} values={{ legal_basis: legal, ...values }} errors={errors} faqSlug={faq?.slug} />);
  };

  app.get(`${STAFF_PATH}/faq/:id`, async (c) => {
    const f = await editableFaq(c);
    return c.html(<FaqEditPage c={c} f={f} values={{ question: f.question, answer: f.answer, legal_basis: f.legalBasis }} errors={{}} />);
  });

  app.post(`${STAFF_PATH}/faq/:id`, async (c) => {
    const f = await editableFaq(c);
    const r = await parseForm(c, FaqForm);
    if (!r.ok) {
      c.status(422);
      return c.html(<FaqEditPage c={c} f={f} values={r.values} errors={r.errors} />);
    }
    await service.editFaq(ctx, actorFromRequest(c), f.id, { question: r.data.question, answer: r.data.answer, legalBasis: r.data.legal_basis });
    return c.redirect(`${STAFF_PATH}?pesan=disimpan`, 303);
  });

  const editableFaq = async (c: Context<Env>) => {
    const id = IdParam.safeParse(c.req.param('id'));
    const f = id.success ? await service.findFaqById(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'consultation.answer', f ? { unitPath: f.unit.path } : undefined);
    return f!;
  };

  app.get(`${STAFF_PATH}/:id`, async (c) => {
    const q = await answerable(c);
    return questionPage(c, q, {}, {});
  });

  app.post(`${STAFF_PATH}/:id/jawab`, async (c) => {
    const q = await answerable(c);
    const r = await parseForm(c, AnswerForm);
    if (!r.ok) return questionPage(c, q, r.values, r.errors, 422);
    // the asker's language is not known: Indonesian, the region's language
    await service.answer(ctx, actorFromRequest(c), q.id, r.data.answer, 'id');
    // a repeat (already answered) lands on the same page
    return c.redirect(`${STAFF_PATH}/${q.id}`, 303);
  });

  app.post(`${STAFF_PATH}/:id/terbitkan`, async (c) => {
    const q = await answerable(c);
    const r = await parseForm(c, FaqForm);
    if (!r.ok) return questionPage(c, q, r.values, r.errors, 422);
    const done = await service.publishFaq(ctx, actorFromRequest(c), q.id, { question: r.data.question, answer: r.data.answer, legalBasis: r.data.legal_basis });
    if (!done.ok) {
      if (done.errors._ === 'consultation.error.already_published') return c.redirect(`${STAFF_PATH}/${q.id}`, 303);
      return questionPage(c, q, r.values, done.errors, 422);
    }
    return c.redirect(`${STAFF_PATH}?pesan=diterbitkan`, 303);
  });
}
