/**
 * The `slicewise` command (bin/slicewise.mjs runs this file through tsx).
 * main() never throws and never exits the process: it returns the exit code, and any failure is
 * ONE line on stderr, `slicewise: <what went wrong, and where>` (0 ok, 1 failed, 2 bad usage).
 */
import { CliError } from './args.ts';
import { processIo, type CliIo } from './io.ts';
import { MAIN_USAGE } from './usage.ts';

/** One line: newlines in multi-line messages (e.g. an SF hint with an example) become spaces. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `slicewise: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`;
}

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      // Commands load lazily: --help and usage errors answer without loading tfjs.
      case 'train':
        await (await import('./train.ts')).trainCommand(rest, io);
        return 0;
      case 'predict':
        await (await import('./predict.ts')).predictCommand(rest, io);
        return 0;
      case 'discover':
        await (await import('./discover.ts')).discoverCommand(rest, io);
        return 0;
      case undefined:
        io.out(MAIN_USAGE);
        return 2;
      case 'help':
      case '--help':
      case '-h':
        io.out(MAIN_USAGE);
        return 0;
      default:
        throw new CliError(`unknown command "${command}" (use train, predict or discover; see slicewise --help)`, 2);
    }
  } catch (error) {
    io.err(errorLine(error));
    if (process.env.SLICEWISE_DEBUG && error instanceof Error && !(error instanceof CliError)) io.err(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
