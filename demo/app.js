// Admin-UI demo: builds an SCM mfa-server body from the form on every
// keystroke, validates it with mfalint (web target) and shows each finding
// under the field its JSON Pointer names.
import init, { compile, apiError } from '../pkg/web.js';

// Per vendor: [key, label, input type, default value].
const VENDORS = {
  okta_adaptive_v1: [
    ['okta_api_host', 'API host', 'text', 'acme.okta.com'],
    ['okta_baseuri', 'Base URI', 'text', '/api/v1'],
    ['okta_token', 'API token', 'password', ''],
    ['okta_org', 'Organization', 'text', 'acme'],
    ['okta_timeout', 'Timeout (seconds)', 'text', '30'],
  ],
  ping_identity_v1: [
    ['ping_api_host', 'API host', 'text', 'idpxny3lm.pingidentity.com'],
    ['ping_baseuri', 'Base URI', 'text', '/pingid/rest/4'],
    ['ping_use_base64_key', 'Base64 key', 'password', ''],
    ['ping_token', 'Token', 'password', ''],
    ['ping_org_alias', 'Organization alias', 'text', ''],
    ['ping_timeout', 'Timeout (seconds)', 'text', '30'],
  ],
  rsa_securid_access_v1: [
    ['rsa_api_host', 'API host', 'text', ''],
    ['rsa_baseuri', 'Base URI', 'text', '/mfa/v1_1'],
    ['rsa_accesskey', 'Access key', 'password', ''],
    ['rsa_accessid', 'Access ID', 'text', ''],
    ['rsa_assurancepolicyid', 'Assurance policy ID', 'text', ''],
    ['rsa_timeout', 'Timeout (seconds)', 'text', '30'],
  ],
  duo_security_v2: [
    ['duo_api_host', 'API host', 'text', ''],
    ['duo_baseuri', 'Base URI', 'text', '/auth/v2'],
    ['duo_integration_key', 'Integration key', 'text', ''],
    ['duo_secret_key', 'Secret key', 'password', ''],
    ['duo_timeout', 'Timeout (seconds)', 'text', '30'],
  ],
};

const $ = (sel) => document.querySelector(sel);
const form = $('#profile');

function renderVendorFields() {
  const vendor = $('#vendor').value;
  const box = $('#vendor-fields');
  box.replaceChildren();
  for (const [key, label, type, value] of VENDORS[vendor]) {
    const field = document.createElement('div');
    field.className = 'field';
    field.dataset.pointer = `/mfa_vendor_type/${vendor}/${key}`;
    const l = document.createElement('label');
    l.htmlFor = key;
    l.textContent = label;
    const input = document.createElement('input');
    input.id = key;
    input.name = key;
    input.type = type;
    input.value = value;
    input.dataset.vendorField = key;
    const ul = document.createElement('ul');
    ul.className = 'findings';
    field.append(l, input, ul);
    box.append(field);
  }
}

/** The request body the form stands for. Empty fields are left out, so a
 * required one is reported where it would be. */
function payload() {
  const vendor = $('#vendor').value;
  const fields = {};
  for (const input of form.querySelectorAll('[data-vendor-field]')) {
    const v = input.value;
    if (v === '') continue;
    // Timeouts are integers in SCM; anything else is sent as typed.
    fields[input.name] = input.name.endsWith('_timeout') && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  }
  const body = { name: $('#name').value, mfa_cert_profile: $('#mfa_cert_profile').value };
  body[$('#scope').value] = $('#scope_value').value;
  body.mfa_vendor_type = { [vendor]: fields };
  return body;
}

/** The field showing a pointer: itself, else its nearest ancestor shown,
 * else the form-level list. */
function fieldFor(pointer) {
  let p = pointer;
  for (;;) {
    const field = form.querySelector(`.field[data-pointer="${CSS.escape(p)}"], [id="scope-field"][data-pointer="${CSS.escape(p)}"]`);
    if (field) return field;
    if (p === '') return $('#general-findings').parentElement;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function run() {
  $('#scope-field').dataset.pointer = `/${$('#scope').value}`;
  const body = payload();
  for (const ul of form.querySelectorAll('.findings')) ul.replaceChildren();
  for (const el of form.querySelectorAll('.invalid, .warned')) el.classList.remove('invalid', 'warned');
  const report = scm.validate(body);
  for (const f of report.findings) {
    const field = fieldFor(f.pointer);
    const li = document.createElement('li');
    li.className = `finding ${f.severity}`;
    li.dataset.code = f.code;
    li.dataset.pointer = f.pointer;
    const code = document.createElement('span');
    code.className = 'code';
    code.textContent = f.code;
    li.append(code, ` ${f.message}`);
    field.querySelector('.findings').append(li);
    field.classList.add(f.severity === 'error' ? 'invalid' : 'warned');
  }
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const status = $('#status');
  status.className = `status ${errors ? 'bad' : warnings ? 'warn' : 'good'}`;
  status.textContent = errors
    ? `${errors} error${errors > 1 ? 's' : ''}, ${warnings} warning${warnings === 1 ? '' : 's'}: the API would reject this profile`
    : warnings
      ? `Valid, ${warnings} warning${warnings > 1 ? 's' : ''}`
      : 'Valid: the API would accept this profile';
  const envelope = apiError(body, { kind: 'scm-mfa-server', requestId: 'preview' });
  $('#envelope').textContent = envelope ? JSON.stringify(envelope, null, 2) : '201 Created';
  // For tests: the last payload (secrets masked by the caller's choice of
  // fields, never printed here) and report.
  document.body.dataset.findings = JSON.stringify(report.findings.map((f) => [f.code, f.pointer]));
}

await init();
// Options parsed once; every keystroke then only validates.
const scm = compile({ kind: 'scm-mfa-server' });
renderVendorFields();
form.addEventListener('input', run);
$('#vendor').addEventListener('change', () => {
  renderVendorFields();
  run();
});
$('#scope').addEventListener('change', run);
run();
document.body.dataset.ready = 'true';
