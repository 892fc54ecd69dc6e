import { describe, expect, it } from 'vitest';
import { readContactsSettings } from './settings.ts';

describe('CONTACTS_REVIEW_DAYS', () => {
  it('defaults to 90 days, takes a whole number, and stops the start on anything else', () => {
    expect(readContactsSettings({})).toEqual({ reviewDays: 90 });
    expect(readContactsSettings({ CONTACTS_REVIEW_DAYS: '' })).toEqual({ reviewDays: 90 });
    expect(readContactsSettings({ CONTACTS_REVIEW_DAYS: '30' })).toEqual({ reviewDays: 30 });
    for (const bad of ['0', '-5', '1.5', 'sembilan puluh', '99999']) {
      expect(() => readContactsSettings({ CONTACTS_REVIEW_DAYS: bad }), bad).toThrow(/CONTACTS_REVIEW_DAYS/);
    }
  });
});
