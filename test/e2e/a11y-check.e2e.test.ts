// The accessibility check itself must catch problems, with and without JavaScript, or every other
// browser test would pass vacuously. Pages are served by the browser's router: no server needed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, launch, newContext } from './browser.ts';

const ORIGIN = 'http://127.0.0.1:9'; // never contacted: every request is answered by page.route
const BAD = '<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="/a.png"><a href="/x"></a><input type="text"></main></body></html>';
const GOOD = '<!DOCTYPE html><html lang="id"><head><title>Baik</title></head><body><main><h1>Baik</h1><p>Isi.</p></main></body></html>';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function pageWith(html: string, javaScriptEnabled: boolean) {
  const context = await newContext(browser, ORIGIN, { javaScriptEnabled });
  const page = await context.newPage();
  await page.route(`${ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto('/halaman');
  return page;
}

describe('checkA11y', () => {
  for (const js of [true, false]) {
    it(`fails on serious violations and names them (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const page = await pageWith(BAD, js);
      const err = await checkA11y(page).then(() => undefined, (e: unknown) => e as Error);
      expect(err?.message).toMatch(/serious\/critical axe violation/);
      expect(err?.message).toContain('image-alt');
      expect(err?.message).toContain('html-has-lang');
      await page.context().close();
    });

    it(`passes a clean page (JavaScript ${js ? 'on' : 'off'})`, async () => {
      const page = await pageWith(GOOD, js);
      await checkA11y(page);
      await page.context().close();
    });
  }
});
