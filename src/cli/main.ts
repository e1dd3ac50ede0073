/** Entry point of the compiled `segment` command. */
import { tuneCompiler } from './compilerFlags';
import { runCli } from './segment';

// Before any of the engine's code runs (module set-up above only defines things).
tuneCompiler();

// `segment … | head`: the reader closed the pipe because it has read what it wants. Stop quietly, as
// command-line tools do, instead of dying on an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });

runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  },
);
