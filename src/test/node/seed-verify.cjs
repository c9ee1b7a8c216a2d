// Runs the verification snippet that TalentSprout's webhook documentation gives, taken verbatim
// from the seed document at run time (nothing of it is copied here), against deliveries Herald
// made. Input on stdin: a JSON array of {body, header, secret}; output: one line per case,
// "ok N" or "not ok N", and the exit code says whether all passed.
const fs = require('fs');
const path = require('path');

const seeds = process.env.HERALD_SEEDS_DIR;
const doc = fs.readFileSync(path.join(seeds, '002_21fa93967d3263f4.txt'), 'utf8');
const start = doc.indexOf('Example verification (Node.js):');
const end = doc.indexOf('Managing your webhook secret');
if (start < 0 || end < 0) {
  console.log('not ok - the seed no longer holds the verification snippet');
  process.exit(2);
}
const snippet = doc.substring(start + 'Example verification (Node.js):'.length, end);
const verifyWebhook = new Function('require', snippet + '\nreturn verifyWebhook;')(require);

const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
let failed = 0;
cases.forEach((c, i) => {
  const ok = verifyWebhook(c.body, c.header, c.secret) === true;
  if (ok !== (c.expect !== false)) {
    failed++;
  }
  console.log((ok === (c.expect !== false) ? 'ok ' : 'not ok ') + i + (c.expect === false ? ' (expected rejection)' : ''));
});
process.exit(failed === 0 ? 0 : 1);
