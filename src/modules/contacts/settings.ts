// The module's one setting. The manifest's `settings` uses this schema, so boot validates it with the
// rest of the configuration (module.ts reads it with settingsOf); readContactsSettings() reads it
// from an environment directly.
import { z } from 'zod';

export const ContactsSettings = z.object({
  /** days after which an entry nobody has edited or confirmed shows "belum diperbarui sejak …" */
  CONTACTS_REVIEW_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});
export type ContactsSettings = z.infer<typeof ContactsSettings>;

/** Read and check the setting; a bad value stops the start with a message naming it. */
export function readContactsSettings(env: NodeJS.ProcessEnv = process.env): { reviewDays: number } {
  const r = ContactsSettings.safeParse({ CONTACTS_REVIEW_DAYS: env.CONTACTS_REVIEW_DAYS || undefined });
  if (!r.success) throw new Error(`Invalid configuration:\n  CONTACTS_REVIEW_DAYS: a whole number of days from 1 to 3650 (got "${env.CONTACTS_REVIEW_DAYS}")`);
  return { reviewDays: r.data.CONTACTS_REVIEW_DAYS };
}
