/**
 * V8 settings for the one-shot `segment` process.
 *
 * The CLI runs each function of the engine once, on hundreds of thousands of rows, so its speed depends on
 * how soon V8's optimising compiler (TurboFan) delivers code. That compiler runs on a background thread.
 * On Online Retail it had about 1.1 s of work queued during a 1.2 s run, so hot loops waited in the
 * interpreter for their turn. Less inlining and no loop peeling roughly halve that work, while the loops
 * still get optimised. Measured in alternating runs: the whole CLI takes about 0.9× the time, with
 * identical output (bench/NOTES.md).
 */
import { setFlagsFromString } from 'node:v8';

/** The flags, as `node --v8-options` names them. */
export const CLI_V8_FLAGS: readonly string[] = [
  '--max-inlined-bytecode-size-cumulative=200',
  '--no-turbo-loop-peeling',
  '--no-turbo-loop-variable',
];

/**
 * The flags to set for this V8 version: only for the majors whose V8 has them (11–13: Node 20, 22 and 24).
 * V8 prints an error for a flag it does not know.
 */
export function compilerFlagsFor(v8Version: string): readonly string[] {
  const major = Number.parseInt(v8Version, 10);
  return major >= 11 && major <= 13 ? CLI_V8_FLAGS : [];
}

/** Sets the flags before the engine's code first runs; returns those set. */
export function tuneCompiler(v8Version: string = process.versions.v8): readonly string[] {
  const flags = compilerFlagsFor(v8Version);
  for (const flag of flags) setFlagsFromString(flag);
  return flags;
}
