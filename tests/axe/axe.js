// Runs axe-core in Debian's headless Chromium on the HTML files given on the
// command line and fails on any violation of a WCAG 2.0/2.1 A or AA rule.
// Usage: node tests/axe/axe.js FILE.html...
// Exit: 0 none, 1 violations, 3 the browser or axe-core could not run.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

async function main(files) {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  let failed = 0;
  let rulesRun = 0;
  try {
    const page = await browser.newPage();
    // A published page fetches nothing: any request but the file itself fails the test.
    await page.setRequestInterception(true);
    const external = [];
    page.on('request', (req) => {
      if (req.url().startsWith('file:') || req.url().startsWith('data:')) req.continue();
      else { external.push(req.url()); req.abort(); }
    });
    for (const file of files) {
      external.length = 0;
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
      await page.evaluate(axeSource);
      const result = await page.evaluate(
        (tags) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        TAGS);
      rulesRun = Math.max(rulesRun, result.passes.length + result.violations.length +
        result.incomplete.length + result.inapplicable.length);
      for (const v of result.violations) {
        failed++;
        console.log(`${file}: ${v.id} [${v.impact}] ${v.help}`);
        for (const n of v.nodes.slice(0, 5))
          console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
      }
      // Reflow (WCAG 1.4.10) on a phone: the page itself never scrolls
      // sideways; wide tables scroll inside their own box.
      await page.setViewport({ width: 320, height: 640 });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wide > 0) {
        failed++;
        console.log(`${file}: at 320 px the page is ${wide} px wider than the screen`);
      }
      for (const u of external) {
        failed++;
        console.log(`${file}: external request ${u}`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`axe-core: ${files.length} files, ${rulesRun} rules (${TAGS.join(', ')}), ${failed} violations`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(`axe: ${err.message}`);
  process.exit(3);
});
