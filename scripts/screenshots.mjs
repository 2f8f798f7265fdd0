// The README's pictures, from dist/: node scripts/screenshots.mjs
//   docs/screenshot.png   the served page at 1024 px (Vietnamese)
//   docs/phone-vi.png, docs/phone-en.png   375 × 800 at 2×, touch
//   docs/studio-vi.png, docs/studio-en.png the studio with the example table
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launch, ready, startServer } from '../tests/e2e/helpers.mjs';

mkdirSync('docs', { recursive: true });
const browser = await launch();
const { server, origin } = await startServer();
try {
  let ctx = await browser.newContext({ viewport: { width: 1024, height: 1100 }, deviceScaleFactor: 1 });
  let page = await ctx.newPage();
  await page.goto(`${origin}/index.html`);
  await ready(page);
  await page.screenshot({ path: 'docs/screenshot.png' });
  await ctx.close();
  for (const lang of ['vi', 'en']) {
    ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    page = await ctx.newPage();
    await page.goto(`${origin}/index.html#v=1&lang=${lang}`);
    await ready(page);
    await page.screenshot({ path: `docs/phone-${lang}.png` });
    await ctx.close();
  }
  for (const lang of ['vi', 'en']) {
    ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await ctx.newPage();
    await page.goto(pathToFileURL(resolve('dist/studio.html')).href);
    await page.waitForSelector('html[data-ready]');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    if (lang === 'en') await page.locator('#lang').click();
    await page.locator('button', { hasText: lang === 'vi' ? 'Dùng bảng ví dụ' : 'Use an example table' }).click();
    await page.waitForTimeout(300);
    await page.fill('#f-name-vi', 'Cao Bằng');
    await page.locator('#ind-0 button', { hasText: lang === 'vi' ? 'Thêm mục tiêu' : 'Add a target' }).click();
    await page.keyboard.type('80');
    await page.waitForTimeout(600);
    await ready(page);
    if (lang === 'en') {
      await page.locator('.preview button[data-key="lang"][data-value="en"]').click();
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: `docs/studio-${lang}.png` });
    await ctx.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log('docs/*.png written');
