// Finds Debian's python3 with the packages a benchmark compares against, installing them with apt-get when missing.
import { spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

/** Ensures `modules` import under Debian's python3; installs `packages` with apt-get if not. Returns the interpreter. */
export function ensurePython(modules, packages) {
  const probe = () =>
    spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' }).status === 0;
  if (probe()) return PYTHON;
  console.log(`installing ${packages.join(' ')} with apt-get (Debian packages)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) =>
    spawnSync(asRoot.length ? 'sudo' : args[0], asRoot.length ? args : args.slice(1), {
      stdio: 'inherit',
      env,
    });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', ...packages]);
  if (!probe()) {
    console.error(
      `could not import ${modules.join(', ')} with ${PYTHON}; install ${packages.join(' ')} and rerun`,
    );
    process.exit(1);
  }
  return PYTHON;
}

/** Runs a Python script and returns its parsed JSON stdout. */
export function runPythonJson(python, script, args) {
  const result = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}
