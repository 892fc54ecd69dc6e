// Messages of the workflow: the citizen hears of every status change of their application (to the
// account's verified email, else its verified phone; a counter application without an account has
// nobody to tell: the paper receipt and /lacak serve), and a unit head hears of an overdue one.
// Sent in the caller's transaction (platform/notify): nothing goes out for a step that rolled back.
import type { Executor } from '../../platform/db/index.ts';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import type { ApplicationRecord } from './applications-repo.ts';
import { userContact } from './applications-repo.ts';

export const STATUS_TEMPLATE = 'layanan.status';
export const ESCALATION_TEMPLATE = 'layanan.escalation';

export const templates = {
  [STATUS_TEMPLATE]: {
    id: { subject: 'Permohonan {tracking}: {status}', body: 'Permohonan {service} Anda ({tracking}) sekarang: {status}.{reason}\nLihat rinciannya di {url}' },
    en: { subject: 'Application {tracking}: {status}', body: 'Your application for {service} ({tracking}) is now: {status}.{reason}\nSee the details at {url}' },
  },
  [ESCALATION_TEMPLATE]: {
    id: { subject: 'Permohonan {tracking} melewati batas waktu', body: 'Permohonan {service} ({tracking}) di {unit} melewati batas waktu penyelesaian ({due}) dan belum selesai. Mohon segera ditindaklanjuti: {url}' },
    en: { subject: 'Application {tracking} is overdue', body: 'The application for {service} ({tracking}) at {unit} passed its deadline ({due}) and is not finished. Please follow it up: {url}' },
  },
};

/** Tell the applicant's account of the application's new state (nothing when it has no account or no verified contact). */
export async function notifyStatus(tx: Executor, baseUrl: string, app: ApplicationRecord, reason: string): Promise<number | undefined> {
  if (!app.user_id) return undefined;
  const u = await userContact(tx, app.user_id);
  if (!u) return undefined;
  const to = u.email && u.email_verified_at ? { channel: 'email' as const, to: u.email } : u.phone && u.phone_verified_at ? { channel: 'sms' as const, to: u.phone } : undefined;
  if (!to) return undefined;
  const locale: Locale = u.locale === 'en' ? 'en' : 'id';
  const t = translator(locale);
  return sendMessage(tx, {
    ...to, template: STATUS_TEMPLATE, locale,
    params: {
      tracking: app.tracking_number, service: app.service_name, status: t(`layanan.officer.state.${app.state}`),
      reason: reason ? ` ${t('layanan.officer.notice.reason', { reason })}` : '', url: `${baseUrl}/lacak`,
    },
  });
}
