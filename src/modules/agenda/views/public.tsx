/** @jsxImportSource hono/jsx */
// /agenda: upcoming events grouped by date in words ("Kamis, 3 Desember 2026"), past ones behind a
// link; /agenda/{id}: one event; both point to the iCalendar feed.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { Freshness } from '../../../platform/freshness/index.ts';
import { addDays, localDate } from '../../../platform/calendar/working-days.ts';
import { eventHref, FEED_PATH, groupByDate, PUBLIC_PATH, type EventRow } from '../service.ts';

const feedLink = (c: Context<Env>) => <link rel="alternate" type="text/calendar" href={FEED_PATH} title={c.get('t')('agenda.feed.title')} />;

/** "Kamis, 3 Desember 2026" for a local date. */
export function dayText(c: Context<Env>, date: string): string {
  return new Intl.DateTimeFormat(c.get('locale') === 'id' ? 'id-ID' : 'en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}
const hm = (d: Date, tz: string) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d).replace(':', '.');

/** "09.00–11.30 WIB", "Sepanjang hari", or the span of days. */
export function whenText(c: Context<Env>, e: EventRow, tz: string, zone: string): string {
  const t = c.get('t');
  const startDay = localDate(e.startsAt, tz);
  if (e.allDay) {
    const last = addDays(localDate(e.endsAt, tz), -1);
    return last === startDay ? t('agenda.all_day') : t('agenda.days', { from: dayText(c, startDay), to: dayText(c, last) });
  }
  const endDay = localDate(e.endsAt, tz);
  if (endDay === startDay) return `${hm(e.startsAt, tz)}–${hm(e.endsAt, tz)} ${zone}`;
  return `${dayText(c, startDay)} ${hm(e.startsAt, tz)} – ${dayText(c, endDay)} ${hm(e.endsAt, tz)} ${zone}`;
}

export const ZONE: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

export function ListPage({ c, events, isPast, tz, freshness }: { c: Context<Env>; events: EventRow[]; isPast: boolean; tz: string; freshness?: Freshness }) {
  const t = c.get('t');
  const zone = ZONE[tz] ?? tz;
  return (
    <Layout c={c} title={isPast ? t('agenda.public.past_title') : t('agenda.public.title')} active={PUBLIC_PATH} head={feedLink(c)}>
      <h1>{isPast ? t('agenda.public.past_title') : t('agenda.public.title')}</h1>
      <p class="lead">{t('agenda.public.lead')}</p>
      {freshness ? (freshness.state === 'stale' ? <p class="stale" role="status">{freshness.text}</p> : <p class="muted">{freshness.text}</p>) : null}
      <nav class="year-nav" aria-label={t('agenda.filter.label')}>
        <ul>
          <li><a href={PUBLIC_PATH} aria-current={!isPast ? 'page' : undefined}>{t('agenda.filter.upcoming')}</a></li>
          <li><a href={`${PUBLIC_PATH}?waktu=lalu`} aria-current={isPast ? 'page' : undefined}>{t('agenda.filter.past')}</a></li>
        </ul>
      </nav>
      {events.length ? groupByDate(events, tz).map((g) => (
        <section>
          <h2>{dayText(c, g.date)}</h2>
          <ul class="cards">
            {g.events.map((e) => (
              <li>
                <h3><a href={eventHref(e)}>{e.title}</a></h3>
                {e.status === 'cancelled' ? <p><strong class="tag stale-tag">{t('agenda.status.cancelled')}</strong></p> : null}
                <p>{whenText(c, e, tz, zone)}<br />{e.location}</p>
                <p class="muted">{e.organiser.name}</p>
              </li>
            ))}
          </ul>
        </section>
      )) : <p>{isPast ? t('agenda.public.none_past') : t('agenda.public.none')}</p>}
      <p><a href={FEED_PATH}>{t('agenda.feed.link')}</a></p>
    </Layout>
  );
}

export function EventPage({ c, event, tz }: { c: Context<Env>; event: EventRow; tz: string }) {
  const t = c.get('t');
  const zone = ZONE[tz] ?? tz;
  return (
    <Layout c={c} title={event.title} active={PUBLIC_PATH} head={feedLink(c)}>
      <p><a href={PUBLIC_PATH}>{t('agenda.public.back')}</a></p>
      <h1>{event.title}</h1>
      {event.status === 'cancelled' ? <p class="stale" role="status">{t('agenda.public.cancelled')}</p> : null}
      <dl>
        <dt>{t('agenda.field.when')}</dt>
        <dd>{dayText(c, localDate(event.startsAt, tz))}, {whenText(c, event, tz, zone)}</dd>
        <dt>{t('agenda.field.location')}</dt>
        <dd>{event.location}</dd>
        <dt>{t('agenda.field.organiser')}</dt>
        <dd>{event.organiser.name}</dd>
      </dl>
      {event.description ? event.description.split(/\n\s*\n/).map((p) => <p>{p}</p>) : null}
      <p><a href={FEED_PATH}>{t('agenda.feed.link')}</a></p>
    </Layout>
  );
}
