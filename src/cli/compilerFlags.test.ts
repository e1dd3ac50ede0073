import { spawnSync } from 'node:child_process';
import { CLI_V8_FLAGS, compilerFlagsFor } from './compilerFlags';

describe('compilerFlagsFor', () => {
  it('sets the flags on the V8 of Node 20, 22 and 24 only', () => {
    expect(compilerFlagsFor('11.3.244.8-node.33')).toEqual(CLI_V8_FLAGS);
    expect(compilerFlagsFor('12.4.254.21-node.33')).toEqual(CLI_V8_FLAGS);
    expect(compilerFlagsFor('13.6.233.10-node.18')).toEqual(CLI_V8_FLAGS);
    // A V8 that may not know them would print an error on every run.
    expect(compilerFlagsFor('10.2.154.26-node.26')).toEqual([]);
    expect(compilerFlagsFor('14.0.1')).toEqual([]);
    expect(compilerFlagsFor('')).toEqual([]);
  });

  it('names flags that this V8 knows', () => {
    // An unknown flag would make `node` exit with "unrecognized flag".
    const { status, stderr } = spawnSync(process.execPath, [...CLI_V8_FLAGS, '-e', '0'], {
      encoding: 'utf8',
    });
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
