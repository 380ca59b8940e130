// Compiled with `tsc --noEmit -p tests/node/types` (scripts/test-wasm.sh),
// in-tree and again against the installed tarball: the public types must
// accept this usage and reject each `@ts-expect-error` line.
import {
  compile, validate, isValid, detectKind, normalize, redact, apiError, rules, rule, schema,
  checkId, checkMethod, checkSaseQuery, version, KINDS, MfalintError,
} from 'mfalint';
import type {
  ApiError, Constraint, Finding, Kind, Normalized, Report, RuleCode, RuleInfo,
  ScmMfaServer, SailpointDuoConfig, ValidateOptions, JsonSchema, Validator,
  PingIdentityV1, SaseOktaAdaptiveV1,
} from 'mfalint';
import init, { initSync, validate as validateWeb } from 'mfalint/web';

const body: ScmMfaServer = {
  name: 'okta',
  mfa_cert_profile: 'cp',
  folder: 'Shared',
  mfa_vendor_type: {
    okta_adaptive_v1: {
      okta_api_host: 'acme.okta.com',
      okta_baseuri: '/api/v1',
      okta_token: 'token-from-a-vault',
      okta_org: 'acme',
      okta_timeout: 30,
    },
  },
};
const duo: SailpointDuoConfig = { mfaMethod: 'duo-web', enabled: false, configProperties: { ikey: 'DI' } };

// The payload types are generated from the validators' own tables: a field
// the validator requires, the type requires (ping_api_host, ping_baseuri and
// ping_timeout were once optional here while required there).
const ping: PingIdentityV1 = {
  ping_api_host: 'idpxny3lm.pingidentity.com',
  ping_baseuri: '/pingid/rest/4',
  ping_use_base64_key: 'key-from-a-vault',
  ping_token: 'token-from-a-vault',
  ping_timeout: 30,
};
// @ts-expect-error ping_api_host is required, as the validator requires it (MFA010)
const pingWithoutHost: PingIdentityV1 = { ping_baseuri: '/pingid/rest/4', ping_use_base64_key: 'k', ping_token: 't', ping_timeout: 30 };
// @ts-expect-error legacy SASE timeouts are strings
const saseTimeout: SaseOktaAdaptiveV1 = { okta_api_host: 'acme.okta.com', okta_baseuri: '/api/v1', okta_token: 't', okta_org: 'acme', okta_timeout: 30 };
void ping; void pingWithoutHost; void saseTimeout;

const options: ValidateOptions = {
  kind: 'scm-mfa-server',
  mode: 'request',
  select: ['MFA081', 'ALL', 'min-length', 'MFA04'],
  ignore: ['unknown-key'],
  severity: { MFA003: 'error', 'plaintext-secret': 'off' },
};
const report: Report = validate(body, options);
const report2: Report = validate('{"name": 1}');
const duoReport: Report = validate(duo);
const fromBytes: Report = validate(new TextEncoder().encode('{"state": "SUCCESS"}'));
const kind: Kind = report.kind;
const ok: boolean = isValid(report2) && isValid(duoReport);
const scm: Validator = compile({ kind: 'scm-mfa-server', maxBytes: 1 << 20, maxDepth: 64 });
const compiledReport: Report = scm.validate(body);
const compiledOk: boolean = scm.isValid('{"name": 1}') && compile().isValid(new Uint8Array(2));
// @ts-expect-error compile takes the options once, not a payload
compile(body);
// @ts-expect-error isValid on a Validator answers a boolean, not a report
const notReport: Report = scm.isValid(body);

for (const f of report.findings) {
  const code: RuleCode = f.code;
  const where: string = f.pointer;
  const c: Constraint | undefined = f.constraint;
  if (c && 'min_length' in c) {
    const n: number = c.min_length;
    void n;
  }
  if (c && 'range' in c) {
    const max: number = c.range.maximum;
    void max;
  }
  void code, where;
}

try {
  validate('{');
} catch (e) {
  if (e instanceof MfalintError) {
    const cat: 'input' | 'parse' | 'detect' | 'options' | 'init' = e.category;
    const line: number | undefined = e.line;
    void cat, line;
  }
}

const detected: Kind = detectKind(body);
const n: Normalized = normalize(body, { kind: 'scm-mfa-server' });
const redacted: string = redact(body);
const envelope: ApiError | null = apiError(body, { requestId: 'req-1', mode: 'export' });
if (envelope && '_errors' in envelope) {
  const errors: Finding[] = envelope._errors[0].details.errors;
  void errors;
} else if (envelope) {
  const tracking: string = envelope.trackingId;
  void tracking;
}
const all: readonly RuleInfo[] = rules();
const one: RuleInfo | undefined = rule('MFA040');
const s: JsonSchema = schema('sailpoint-duo-config');
const id: string = s.$id;
const params: Finding[] = [...checkId('x'), ...checkMethod('duo-web'), ...checkSaseQuery({ folder: 'Shared', position: null })];
const v: string = version();
const kinds: readonly Kind[] = KINDS;

async function browser(): Promise<Report> {
  await init();
  await init({ module_or_path: new URL('https://example.test/mfalint_bg.wasm') });
  initSync({ module: new Uint8Array(8) });
  return validateWeb(body);
}

// @ts-expect-error: not a kind
validate(body, { kind: 'okta' });
// @ts-expect-error: not a mode
validate(body, { mode: 'strict' });
// @ts-expect-error: unknown option
validate(body, { slect: ['ALL'] });
// @ts-expect-error: severity values are error, warning or off
validate(body, { severity: { MFA040: 'fatal' } });
// @ts-expect-error: not a selector
validate(body, { select: ['min-lenght'] });
// @ts-expect-error: a number is not a payload
validate(42);
// @ts-expect-error: findings are readonly typed, codes are a closed set
const bad: RuleCode = 'MFA999';
// @ts-expect-error: an SCM body needs a scope key
const noScope: ScmMfaServer = { name: 'x', mfa_cert_profile: 'cp' };
// @ts-expect-error: requestId is a string
apiError(body, { requestId: 7 });

void fromBytes, kind, ok, detected, n, redacted, all, one, id, params, v, kinds, browser, bad, noScope;
