// Validates payloads against the event-type catalog's JSON schemas with Ajv (draft-07, formats).
// Input on stdin: {"types": [{name, schemas: {"1": schema}}], "payloads": [{type, payload}]}.
// Every catalog example is checked too. Output: "ok …" / "not ok …" lines; exit 1 on any failure.
const fs = require('fs');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validators = {};
let failed = 0;
for (const t of input.types) {
  const schema = t.schemas && t.schemas['1'];
  if (!schema) {
    console.log(`not ok - ${t.name} has no schema`);
    failed++;
    continue;
  }
  const validate = ajv.compile(schema);
  validators[t.name] = validate;
  const examples = schema.examples || [];
  if (examples.length === 0) {
    console.log(`not ok - ${t.name} has no example`);
    failed++;
  }
  examples.forEach((ex, i) => {
    if (validate(ex)) {
      console.log(`ok - ${t.name} example ${i}`);
    } else {
      console.log(`not ok - ${t.name} example ${i}: ${JSON.stringify(validate.errors)}`);
      failed++;
    }
  });
}
for (const p of input.payloads || []) {
  const validate = validators[p.type];
  if (!validate) {
    console.log(`not ok - delivered ${p.type} is not in the catalog`);
    failed++;
  } else if (validate(p.payload)) {
    console.log(`ok - delivered ${p.type}`);
  } else {
    console.log(`not ok - delivered ${p.type}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(p.payload)}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
