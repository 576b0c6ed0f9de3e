/** Where the CLI writes: progress and summaries to `out`, the one-line error to `err`. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Discards everything (tests that only look at files and return values). */
export const silentIo: CliIo = { out: () => {}, err: () => {} };
