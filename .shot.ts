import { startServer } from './test/e2e/server.ts';
import { launch } from './test/e2e/browser.ts';
const server = await startServer();
const browser = await launch();
try {
  const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 360, height: 740 }, isMobile: true, deviceScaleFactor: 1, locale: 'id-ID' });
  const page = await ctx.newPage();
  for (const [name, p] of [['home', '/'], ['instansi', '/instansi'], ['cari', '/cari?q=ilir'], ['unit', '/instansi/16.71.01']] as const) {
    await page.goto(p);
    const h = await page.evaluate(() => ({ header: document.querySelector('header.site')!.getBoundingClientRect().height, sw: document.documentElement.scrollWidth }));
    console.log(name, JSON.stringify(h));
    await page.screenshot({ path: `/tmp/content-shots/${name}.png` });
  }
  const wide = await browser.newContext({ baseURL: server.url, viewport: { width: 1100, height: 700 } });
  const wp = await wide.newPage();
  await wp.goto('/');
  await wp.screenshot({ path: '/tmp/content-shots/home-wide.png' });
} finally {
  await browser.close();
  await server.stop();
}
