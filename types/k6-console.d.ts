// k6 provides `console` (its messages go to k6's log), but @types/k6 does not declare it and the k6
// type environment leaves out the DOM and Node typings that would. These are the methods k6 implements.
declare const console: {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
};
