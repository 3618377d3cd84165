import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe.runIf(existsSync(dist))('selectBackend', () => {
  it('leaves uncaught errors to the user: their exit code and stack, not the wasm module’s exit 7', () => {
    const script = `const m = await import(${JSON.stringify(dist)});
      await m.selectBackend('wasm');
      setTimeout(() => { throw new Error('the user’s own error'); }, 1);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the user’s own error');
    expect(run.stderr).not.toContain('tf-backend-wasm');
  });
});
