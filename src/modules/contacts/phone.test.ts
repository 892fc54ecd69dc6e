import { describe, expect, it } from 'vitest';
import { displayPhone, normalisePhone, normaliseWhatsapp, telHref, whatsappHref } from './phone.ts';

describe('phone numbers', () => {
  it('normalises the ways people write Indonesian numbers to +62…', () => {
    expect(normalisePhone('0812-3456-7890')).toBe('+6281234567890');
    expect(normalisePhone('0812 3456 7890')).toBe('+6281234567890');
    expect(normalisePhone('+62 812 3456 7890')).toBe('+6281234567890');
    expect(normalisePhone('6281234567890')).toBe('+6281234567890');
    expect(normalisePhone('(0711) 123456')).toBe('+62711123456');
    expect(normalisePhone('021.500.123')).toBe('+6221500123');
  });

  it('keeps national short numbers as they are', () => {
    for (const n of ['112', '110', '113', '118', '119', '115', '150046']) expect(normalisePhone(n)).toBe(n);
    expect(normalisePhone('+112')).toBeNull(); // a short number has no country code
  });

  it('refuses what cannot be dialled', () => {
    for (const bad of ['', '0', '08', '0812', 'abc', '0812-3456-78901234', '+1 202 555 0100', '+620812345678', '12', '112\u0000', '0812\n3456']) {
      expect(normalisePhone(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('accepts only mobile numbers for WhatsApp', () => {
    expect(normaliseWhatsapp('0812 3456 7890')).toBe('+6281234567890');
    expect(normaliseWhatsapp('0711 123456')).toBeNull();
    expect(normaliseWhatsapp('112')).toBeNull();
  });

  it('builds tel: and wa.me links and shows the national form', () => {
    expect(telHref('+62711123456')).toBe('tel:+62711123456');
    expect(telHref('112')).toBe('tel:112');
    expect(whatsappHref('+6281234567890')).toBe('https://wa.me/6281234567890');
    expect(displayPhone('+6281234567890')).toBe('0812 3456 7890');
    expect(displayPhone('+62711123456')).toBe('0711 123456');
    expect(displayPhone('+6221500123')).toBe('021 500123');
    expect(displayPhone('112')).toBe('112');
  });
});
