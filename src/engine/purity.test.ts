/** The engine stays pure (DESIGN §2): it imports only engine modules and never touches Office, React or the DOM. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const ENGINE = __dirname;

describe('src/engine purity', () => {
  const files = sources(ENGINE);
  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  it.each(files.map((f) => [relative(ENGINE, f), f]))('%s imports only engine modules', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/(?:import|export)[^'"`;]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec.startsWith('.')).toBe(true);
      const target = resolve(file, '..', spec);
      expect(relative(ENGINE, target).startsWith('..')).toBe(false);
    }
    // Comments may mention Excel in prose; code may not use these globals.
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    expect(code).not.toMatch(/\b(window|document|Office|Excel|localStorage|navigator)\./);
    expect(code).not.toMatch(/\brequire\(/);
  });
});
