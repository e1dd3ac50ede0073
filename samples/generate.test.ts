import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES } from './generate';

describe('bundled samples', () => {
  it.each(Object.keys(SAMPLES))('%s is exactly what the seeded generator makes', (name) => {
    const onDisk = readFileSync(join(__dirname, name), 'utf8').replace(/^\ufeff/, '');
    expect(onDisk).toBe(SAMPLES[name]());
  });
});
