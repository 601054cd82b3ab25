// A minimal JSON-lines logger for process lifecycle messages (primary and worker start/stop, Redis
// connection changes). Request handling does not log by default: the service is a benchmark target.
import type { LogLevel } from './config.ts';

const SEVERITY: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

type Write = (message: string, fields?: Record<string, unknown>) => void;

export interface Log {
  error: Write;
  warn: Write;
  info: Write;
  debug: Write;
}

export function createLog(level: LogLevel, source: string): Log {
  const at = (name: Exclude<LogLevel, 'silent'>): Write => {
    if (SEVERITY[name] < SEVERITY[level]) return () => {};
    return (message, fields) => {
      const line = { level: name, time: new Date().toISOString(), source, msg: message, ...fields };
      process.stderr.write(`${JSON.stringify(line)}\n`);
    };
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
