/** Where the shared real datasets live, and a loud failure when they are not there. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { outputText, runCli } from '../../src/cli/segment';

export const DATASETS = process.env.SEGMENT_DATASETS ?? resolve(__dirname, '../../../shared/datasets');

/** Absolute path of a dataset file; throws with the path tried when it is missing. */
export function dataset(...parts: string[]): string {
  const p = join(DATASETS, ...parts);
  if (!existsSync(p)) {
    throw new Error(
      `Dataset file not found: ${p}\nSet SEGMENT_DATASETS to the folder holding the shared datasets (tried ${DATASETS}).`,
    );
  }
  return p;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process (same code as the compiled command). */
export async function cli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += outputText(s)),
    stderr: (s) => (stderr += s),
    env: {},
  });
  return { code, stdout, stderr };
}

/** Runs the CLI with --json and returns the parsed document (fails on a non-zero exit). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function cliJson(args: string[]): Promise<any> {
  const run = await cli([...args, '--json']);
  if (run.code !== 0) throw new Error(`segment exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}
