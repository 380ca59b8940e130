// Runs every code block of README.md and pkg/README.md as written (issue 15:
// "every code block must run as written"). Called by scripts/test-wasm.sh
// once the npm package is packed and installed into a consumer project:
//
//   node scripts/run-readme-blocks.mjs --project DIR --tarball FILE [--yaml-out DIR]
//
// - sh: each command line runs in bash, README.md's in the repository root,
//   pkg/README.md's in the consumer project (next to a copy of the tarball).
//   A trailing `# exit N` states the expected exit status (default 0). Files
//   a command leaves in the repository are removed afterwards. The commands
//   in SKIPPED are not run here, for the reason given.
// - js: written to the consumer project and run with node (it imports the
//   installed package). A block fenced ```js browser is for browsers only: it
//   is syntax-checked here; the Chromium tests run the package in a browser.
// - html: the module script is syntax-checked.
// - rust: README.md is the crate's doc comment: cargo test runs its blocks.
// - yaml: written to --yaml-out, for scripts/test-precommit.sh to check with
//   `pre-commit validate-config`.
// - text and unfenced blocks are output, not code.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
if (!args.project || !args.tarball) {
  console.error('usage: run-readme-blocks.mjs --project DIR --tarball FILE [--yaml-out DIR]');
  process.exit(2);
}

/** Commands not run here, and why. */
const SKIPPED = new Map([
  ['scripts/test.sh', 'the test script that runs this check'],
  ['scripts/test-wasm.sh', 'the script that runs this check'],
  ['scripts/build-wasm.sh', 'ran just before this check, by scripts/test-wasm.sh'],
  ['node tests/browser/server.mjs', 'a server that runs until stopped; tests/browser/ starts it'],
]);

/** The fenced blocks of a Markdown file: {lang, flags, code, line}. */
function blocks(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const code = [];
    for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
    out.push({ lang: open[1], flags: open[2].split(/\s+/).filter(Boolean), code: code.join('\n') + '\n', line: start + 1 });
  }
  return out;
}

function untracked() {
  return new Set(
    execFileSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean),
  );
}

let failures = 0;
let ran = 0;
const fail = (where, msg) => {
  failures++;
  console.error(`FAIL ${where}: ${msg}`);
};

const installRoot = join(args.project, 'cargo-install');
const env = {
  ...process.env,
  // `cargo install` puts the binary here, not in ~/.cargo/bin, and reuses the
  // release build of the commands before it.
  CARGO_INSTALL_ROOT: installRoot,
  CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? join(root, 'target'),
  PATH: `${join(installRoot, 'bin')}:${process.env.PATH}`,
};
copyFileSync(args.tarball, join(args.project, basename(args.tarball)));

function runSh(block, where, cwd) {
  for (const [n, raw] of block.code.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const command = line.replace(/\s+#.*$/, '');
    const at = `${where}:${block.line + 1 + n}`;
    if (SKIPPED.has(command)) {
      console.log(`skip ${at}: ${command} (${SKIPPED.get(command)})`);
      continue;
    }
    const expected = Number(/#\s*exit (\d+)/.exec(line)?.[1] ?? 0);
    const before = untracked();
    const r = spawnSync('bash', ['-c', command], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    for (const f of untracked()) if (!before.has(f)) rmSync(join(root, f), { force: true });
    ran++;
    if (r.status !== expected) {
      fail(at, `\`${command}\` exited ${r.status}, expected ${expected}\n${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
    } else {
      console.log(`ok   ${at}: ${command} (exit ${r.status})`);
    }
  }
}

function runJs(block, at, n) {
  const file = join(args.project, `readme-block-${n}.mjs`);
  writeFileSync(file, block.code);
  const check = block.flags.includes('browser');
  const r = spawnSync('node', check ? ['--check', file] : [file], { cwd: args.project, env, encoding: 'utf8' });
  ran++;
  if (r.status !== 0) fail(at, `node ${check ? '--check ' : ''}exited ${r.status}\n${r.stdout}${r.stderr}`);
  else console.log(`ok   ${at}: js ${check ? 'syntax (browser block)' : 'ran'}`);
}

let n = 0;
for (const [readme, cwd] of [
  ['README.md', root],
  ['pkg/README.md', args.project],
]) {
  for (const block of blocks(join(root, readme))) {
    const at = `${readme}:${block.line}`;
    n++;
    switch (block.lang) {
      case 'sh':
        runSh(block, readme, cwd);
        break;
      case 'js':
        runJs(block, at, n);
        break;
      case 'html': {
        const script = /<script type="module">([\s\S]*?)<\/script>/.exec(block.code);
        if (!script) fail(at, 'an html block without a module script');
        else runJs({ code: script[1], flags: ['browser'] }, at, n);
        break;
      }
      case 'yaml':
        if (args['yaml-out']) {
          mkdirSync(args['yaml-out'], { recursive: true });
          writeFileSync(join(args['yaml-out'], `${basename(readme, '.md')}-${block.line}.yaml`), block.code);
        }
        break;
      case 'rust': // cargo test runs README.md's blocks as doctests
      case 'text':
      case '':
      case 'json':
      case 'toml':
        break;
      default:
        fail(at, `a \`${block.lang}\` block this check does not know how to run`);
    }
  }
}
console.log(`README blocks: ${ran} run, ${failures} failed`);
process.exit(failures ? 1 : 0);
