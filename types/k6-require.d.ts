// k6 provides CommonJS require() in the init stage, for k6 modules as for files; @types/k6 does not
// declare it. Used where a module should load only when a run needs it (lib/k6/redis-client.ts).
declare function require(id: string): unknown;
