// Every environment knob the project reads, written down once: the parsers (lib/env.ts and its callers) accept
// only these names, `npm run k8s` forwards the suite's knobs from this list, and docs/configuration.md is
// generated from it (`npm run docs`). Pure TypeScript: k6 bundles, Node tools and specs import it alike.
// Texts are Markdown fragments: they go into the generated page as they are written here.

/** Who reads a knob: the k6 bundles (and so every k6-operator runner), or only the Node-side commands. */
export type KnobReader = 'k6' | 'tools';

export type KnobGroup =
  | 'service'
  | 'contract'
  | 'load'
  | 'redis'
  | 'reports'
  | 'segments'
  | 'cloud'
  | 'tools';

export interface KnobEntry {
  readonly name: string;
  readonly group: KnobGroup;
  /** What it does, in a sentence or two. */
  readonly meaning: string;
  /** What holds when it is unset (or empty, unless `empty` says otherwise). */
  readonly default: string;
  /** A secret: never printed, never in a manifest, taken from a secret source or a Kubernetes Secret. */
  readonly secret: boolean;
  /** Set only when an explicitly empty value (`-e NAME=`) means something of its own: what it means. */
  readonly empty?: string;
  /** Set only for a knob whose exact value `off` opts out of criteria by name: what is opted out. */
  readonly optOut?: string;
  /** The only tests whose criteria the knob enables, when not every test's (for the unset-knob notes). */
  readonly onlyFor?: readonly string[];
  readonly readBy: KnobReader;
}

export { OPT_OUT_VALUE } from './opt-out.ts';

export const KNOB_GROUPS: Record<KnobGroup, { title: string; intro: string }> = {
  service: {
    title: 'Service and test accounts',
    intro: 'Where the service is and who logs in.',
  },
  contract: {
    title: 'Service contract',
    intro:
      'How the service is called and how it answers. The defaults describe the reference service; ' +
      '`npm run contract` sends every kind of request the tests send and names the knob that fixes each difference.',
  },
  load: {
    title: 'Load shape and gate',
    intro: 'How many users, how fast, for how long, and which targets gate.',
  },
  redis: {
    title: 'Redis probe and monitor',
    intro:
      "Looking revocations up in the service's Redis and watching its memory and connections. " +
      'Their criteria need `REDIS_URL`: unset, they are NOT RUN and the run fails; `REDIS_URL=off` opts out by name.',
  },
  reports: {
    title: 'Reports',
    intro: 'Where the run records go and what the run is called.',
  },
  segments: {
    title: 'Split runs (execution segments)',
    intro:
      'One test split over several k6 processes; each one judges its share, and `npm run report -- --merge` judges the whole.',
  },
  cloud: {
    title: 'Grafana Cloud',
    intro: 'Used only by `k6 cloud run`.',
  },
  tools: {
    title: 'Node-side commands',
    intro:
      'Read by `npm start`, `npm run failover`, `npm run soak`, `npm run build`, `npm run compare` and the other ' +
      'Node commands; k6 never reads these, and `npm run k8s` does not forward them.',
  },
};

export const KNOBS = [
  // Service and test accounts
  {
    name: 'BASE_URL',
    group: 'service',
    meaning:
      'The service root, `http(s)://host[:port][/base-path]` (no query, fragment or credentials); with it, the Node ' +
      'commands (`npm start`, `contract`, `failover`, `soak`) use your service instead of the embedded one.',
    default:
      '**required** at run time: init accepts it unset (`k6 inspect`, `k6 archive`), `setup()` stops without it (exit 108)',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'USER_PASSWORD',
    group: 'service',
    meaning:
      "The test accounts' shared password, read at run time from a secret source (`--secret-source=file=...`) or the environment; never printed.",
    default: '**required** unless `ACCOUNTS_FILE` gives passwords',
    secret: true,
    readBy: 'k6',
  },
  {
    name: 'ACCOUNTS_FILE',
    group: 'service',
    meaning:
      'A CSV of `email,password` (or `username,password`; header row and quoted fields allowed), read once into a ' +
      'SharedArray, for services whose test accounts have distinct passwords; replaces the generated accounts (`k6 archive` packs the file).',
    default: 'unset: generated accounts with `USER_PASSWORD`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'USER_PREFIX',
    group: 'service',
    meaning: 'Generated accounts are `<prefix><i>@<domain>` (user name `<prefix><i>`).',
    default: '`user`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'USER_DOMAIN',
    group: 'service',
    meaning: 'The e-mail domain of the generated accounts.',
    default: '`example.com`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'USER_COUNT',
    group: 'service',
    meaning: 'How many accounts the service has.',
    default: '`10000`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'USER_OFFSET',
    group: 'service',
    meaning:
      'Where virtual user 1 starts among the accounts (each user logs in as its own account), so concurrent runs can use different accounts.',
    default: '`0`',
    secret: false,
    readBy: 'k6',
  },
  // Service contract
  {
    name: 'LOGIN_METHOD',
    group: 'contract',
    meaning: 'HTTP method of the login call.',
    default: '`POST`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'LOGIN_PATH',
    group: 'contract',
    meaning: 'Path of the login call.',
    default: '`/auth/login`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'LOGIN_BODY',
    group: 'contract',
    meaning:
      'Login body template; `{email}`, `{username}`, `{password}` and `{i}` (account number) are filled in per user, escaped for the content type.',
    default: '`{"email":"{email}","password":"{password}"}`',
    secret: false,
    empty: 'the login is sent without a body',
    readBy: 'k6',
  },
  {
    name: 'LOGIN_CONTENT_TYPE',
    group: 'contract',
    meaning: '`json`, or `form` (`application/x-www-form-urlencoded`).',
    default: '`json`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'TOKEN_FIELD',
    group: 'contract',
    meaning: 'Dot path to the token in the login answer, e.g. `data.token`.',
    default: '`access_token`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'EXPIRES_FIELD',
    group: 'contract',
    meaning:
      "Dot path to the token's lifetime in seconds in the login answer; when the answer lacks it, the token's `exp` is used, and when neither, 15 minutes (the run says so).",
    default: '`expires_in`',
    secret: false,
    empty: "the answer carries no lifetime: the token's `exp` is used",
    readBy: 'k6',
  },
  {
    name: 'PROTECTED_METHOD',
    group: 'contract',
    meaning: 'HTTP method of the call that needs the token.',
    default: '`GET`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'PROTECTED_PATH',
    group: 'contract',
    meaning: 'Path of the call that needs the token (sent as `Authorization: Bearer`).',
    default: '`/api/protected`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'LOGOUT_METHOD',
    group: 'contract',
    meaning: 'HTTP method of the logout call, which revokes the token; any 2xx is success.',
    default: '`POST`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'LOGOUT_PATH',
    group: 'contract',
    meaning: 'Path of the logout call.',
    default: '`/auth/logout`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'HEALTH_PATH',
    group: 'contract',
    meaning: 'Path of the health endpoint, checked by preflight and by smoke.',
    default: '`/health`',
    secret: false,
    empty: 'the service has none; preflight proves reachability with a login',
    readBy: 'k6',
  },
  {
    name: 'REVOKED_STATUS',
    group: 'contract',
    meaning:
      'The statuses, comma-separated, that mean "refused" for a revoked or invalid (forged, tampered) token, e.g. `401,403`; list every one your service uses for either.',
    default: '`401`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'WORKER_HEADER',
    group: 'contract',
    meaning:
      'The response header naming the worker process that answered; state-sync uses it to show that several workers refused a revoked token.',
    default: '`X-Worker-Id`',
    secret: false,
    empty:
      'the service names no worker: state-sync still checks every call on fresh connections and reports "workers not identified"',
    readBy: 'k6',
  },
  {
    name: 'LOGIN_LIMIT_PER_ACCOUNT',
    group: 'contract',
    meaning:
      "The per-account login limit your service enforces: smoke then makes that many + 1 wrong-password logins for a spare account over fresh connections and needs a 429 (`login_limit_bypassed == 0`; a limit counted per worker fails). Plan runs against the embedded service set it to the reference service's 10.",
    default: 'unset: the check is NOT RUN and smoke fails',
    secret: false,
    optOut:
      'the service has no per-account login limit: the check is not run and each report lists the opt-out',
    readBy: 'k6',
  },
  {
    name: 'INSTANCE_URLS',
    group: 'service',
    meaning:
      "Comma-separated URLs of each of your service's instances, reached directly (not through the balancer `BASE_URL` names), e.g. `http://10.0.0.5:8080,http://10.0.0.6:8080`. The `instances` test logs in through `BASE_URL` and checks on every one of these that the token is accepted, and refused once revoked through any of them (`cross_instance_errors`); with `LOGIN_LIMIT_PER_ACCOUNT`, that the limit holds across them. Same rules as `BASE_URL` for each URL.",
    default:
      "unset: the `instances` test's criteria are NOT RUN and it fails; `npm start` against the embedded stack sets it when `INSTANCES` >= 2",
    secret: false,
    optOut:
      "the deployment has one instance: the `instances` test's cross-instance criteria are reported as opted out",
    onlyFor: ['instances'],
    readBy: 'k6',
  },
  // Load shape and gate
  {
    name: 'SCALE',
    group: 'load',
    meaning: "In (0, 1]: multiplies the plan row's users and spawn rate (ramp time unchanged).",
    default: '`1`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'USERS',
    group: 'load',
    meaning: 'Virtual users; wins over `SCALE`.',
    default: 'the plan row × `SCALE`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'SPAWN_RATE',
    group: 'load',
    meaning: 'Users started per second; wins over `SCALE`.',
    default: 'the plan row × `SCALE`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'DURATION',
    group: 'load',
    meaning: 'Run time including ramp-up: `90`, `90s`, `5m`, `1h30m`.',
    default: 'the plan row',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'THINK_MIN_S',
    group: 'load',
    meaning: 'Shortest think time between iterations, in seconds (uniform between the two).',
    default: '`2`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'THINK_MAX_S',
    group: 'load',
    meaning: 'Longest think time between iterations, in seconds; at least `THINK_MIN_S`.',
    default: '`6`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'LOGOUT_PROBABILITY',
    group: 'load',
    meaning:
      'In (0, 1]: share of iterations in which an authentication or failover user logs out, proves the token dead and logs in again.',
    default: '`0.05`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'SYNC_CHECKS',
    group: 'load',
    meaning: 'Revoked-token calls per state-sync iteration, each on a fresh connection (at least 2).',
    default: '`10`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'GATE',
    group: 'load',
    meaning: '`target`, or `stretch` to make the stretch goals gate too.',
    default: '`target`',
    secret: false,
    readBy: 'k6',
  },
  // Redis probe and monitor
  {
    name: 'REDIS_URL',
    group: 'redis',
    meaning:
      "The service's Redis, `redis[s]://[[user]:password@]host[:port][/db]`: turns on the Redis probe and monitor; shown only with the password masked.",
    default: "unset: the probe's and monitor's criteria are NOT RUN and the run fails",
    secret: true,
    optOut:
      "there is no Redis to probe (e.g. Grafana Cloud): the probe's and monitor's criteria are not run and each report lists the opt-out",
    readBy: 'k6',
  },
  {
    name: 'REDIS_PASSWORD',
    group: 'redis',
    meaning: "The Redis password kept apart from `REDIS_URL` (a secret source's natural shape).",
    default: 'unset: the password, if any, is in `REDIS_URL`',
    secret: true,
    readBy: 'k6',
  },
  {
    name: 'PROBE_SAMPLE',
    group: 'redis',
    meaning: 'In (0, 1]: fraction of virtual users that look their logouts up in Redis.',
    default: '`0.1`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'REVOCATION_KEY',
    group: 'redis',
    meaning:
      'The denylist key template the probe looks up: `{jti}`, `{iss}`, `{sub}`, `{token}` (the raw token), `{token_sha256}`.',
    default: '`revoked:{iss}:{jti}`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'REVOCATION_PREFIX',
    group: 'redis',
    meaning:
      'Older spelling: `REVOCATION_PREFIX=p` means `REVOCATION_KEY=p:{iss}:{jti}`; set one of the two.',
    default: 'unset',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'REVOCATION_TTL',
    group: 'redis',
    meaning:
      "What the probe expects of the key's expiry: `token` (expires with the token, within 2 s), `any` (some expiry is set), or a number of seconds (within 2 s).",
    default: '`token`',
    secret: false,
    readBy: 'k6',
  },
  // Reports
  {
    name: 'REPORT_DIR',
    group: 'reports',
    meaning:
      'Run records go to `<REPORT_DIR>/<RUN_ID>/<REPORT_NAME>/` when that folder exists (k6 cannot create folders; `npm start` does), else flat into `REPORT_DIR` when it exists, else nowhere (console only).',
    default: '`reports`',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'RUN_ID',
    group: 'reports',
    meaning:
      "The run's id: letters, digits, `.`, `_`, `@`, `-`; a folder name, and the `testid` tag of every metric.",
    default: 'the start time, `YYYYMMDD-HHMMSS` (UTC)',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'REPORT_NAME',
    group: 'reports',
    meaning: "The folder name of this test's records under the run id (same characters as `RUN_ID`).",
    default: "the test's name",
    secret: false,
    readBy: 'k6',
  },
  // Split runs
  {
    name: 'EXECUTION_SEGMENT',
    group: 'segments',
    meaning:
      "This instance's part of a split test, e.g. `0:1/2`, set as k6's `executionSegment`; thresholds are scaled to its share.",
    default: 'unset: the whole test',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'EXECUTION_SEGMENT_SEQUENCE',
    group: 'segments',
    meaning:
      "With `EXECUTION_SEGMENT`: the whole split, e.g. `0,1/2,1`, set as k6's `executionSegmentSequence`.",
    default: 'unset',
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'SEGMENT_COUNT',
    group: 'segments',
    meaning:
      'This instance is one of N equal parts (k6-operator gives each runner its segment); set this or `EXECUTION_SEGMENT`, not both.',
    default: 'unset: the whole test',
    secret: false,
    readBy: 'k6',
  },
  // Grafana Cloud
  {
    name: 'K6_CLOUD_PROJECT_ID',
    group: 'cloud',
    meaning: 'The Grafana Cloud project number, set as `options.cloud.projectID`.',
    default: "unset: the account's default project",
    secret: false,
    readBy: 'k6',
  },
  {
    name: 'LOAD_ZONES',
    group: 'cloud',
    meaning: 'Load-zone distribution adding up to 100, like `amazon:us:ashburn=50,amazon:ie:dublin=50`.',
    default: "unset: Grafana Cloud's default zone",
    secret: false,
    readBy: 'k6',
  },
  // Node-side commands
  {
    name: 'REDIS_STOP_CMD',
    group: 'tools',
    meaning:
      "With `BASE_URL`: how `npm run failover` stops your service's Redis, e.g. `docker stop redis` (run through `sh -c`, at most 2 minutes).",
    default: 'unset: the drill against `BASE_URL` refuses',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'REDIS_START_CMD',
    group: 'tools',
    meaning:
      "With `BASE_URL`: how `npm run failover` starts your service's Redis again, e.g. `docker start redis`.",
    default: 'unset: the drill against `BASE_URL` refuses',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'METRICS_URL',
    group: 'tools',
    meaning:
      "With `BASE_URL`: a Prometheus-format page with your workers' memory, for the soak's memory judgement.",
    default: 'unset: the soak against `BASE_URL` refuses',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'MEMORY_METRIC',
    group: 'tools',
    meaning: 'The gauge on `METRICS_URL` the soak judges for growth (one series per label set).',
    default: '`nodejs_heap_size_used_bytes`',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'RSS_METRIC',
    group: 'tools',
    meaning: 'The resident-memory gauge on `METRICS_URL` the soak reports beside the judged one.',
    default: '`process_resident_memory_bytes`',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'RESTARTS_METRIC',
    group: 'tools',
    meaning: "A counter of worker restarts on `METRICS_URL`: the drill's crash count against your service.",
    default: 'unset: the crash count is left out',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'K6_BIN',
    group: 'tools',
    meaning: 'The k6 executable to use.',
    default: '`k6` on PATH, else `.tools/k6`',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'K6_GENERATION',
    group: 'tools',
    meaning: '`1` or `2`: which k6 generation `npm run build` targets (`--k6` wins).',
    default: 'the installed k6',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'THRESHOLDS_FILE',
    group: 'tools',
    meaning: 'Another targets file, used by the build (bundled in) and the Node-side tools.',
    default: '`thresholds.json`',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'SCRYPT_COST',
    group: 'tools',
    meaning:
      "The embedded service's login cost in plan runs (log2 of scrypt's N), recorded in `run-info.json`.",
    default: '`12`',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'COMPARE_TOLERANCE',
    group: 'tools',
    meaning: "`npm run compare`'s tolerance as a fraction (`--tolerance` wins).",
    default: '`0.1`',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'REDIS_SERVER_BIN',
    group: 'tools',
    meaning: 'The `redis-server` executable for the embedded stack.',
    default: '`redis-server` on PATH or in a system folder',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'INSTANCES',
    group: 'tools',
    meaning:
      'Reference-service instances the embedded stack starts (`npm start`, `npm run service`, `failover`, `soak`, `capacity`), each with its own workers, sharing one generated `JWT_SECRET` and one Redis, behind HAProxy ([service.md](service.md#several-instances)). With 2 or more, `npm start` also runs the `instances` test.',
    default: '`1`: one instance, no balancer',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'LB_AFFINITY',
    group: 'tools',
    meaning:
      "How the embedded balancer spreads requests over `INSTANCES`: `none` (round-robin, each request to the next instance) or `cookie` (HAProxy sets an `AUTHLB` cookie naming the instance, and k6's cookie jar keeps each virtual user on it).",
    default: '`none`',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'HAPROXY_BIN',
    group: 'tools',
    meaning: 'The `haproxy` executable for the embedded stack with `INSTANCES` >= 2.',
    default:
      "`haproxy` on PATH or in a system folder; installed from Debian's `haproxy` package when missing and run as root on Debian/Ubuntu",
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'DEFECT',
    group: 'tools',
    meaning:
      '**Test-only**: a defect injected into the embedded service on purpose (`npm run sensitivity`, `npm run reliability`; [service.md](service.md#test-only-defect-injection)), passed on to it by the Node commands; refused unless `ALLOW_DEFECTS_FOR_TESTING=yes`.',
    default: 'unset: the service as shipped',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'ALLOW_DEFECTS_FOR_TESTING',
    group: 'tools',
    meaning: '**Test-only**: `yes` lets the embedded service accept `DEFECT`.',
    default: 'unset: `DEFECT` is refused',
    secret: false,
    readBy: 'tools',
  },
  {
    name: 'DEFECT_SIZE',
    group: 'tools',
    meaning:
      "**Test-only**: the size of a graded `DEFECT`, passed on to the embedded service with it and named in the run's record.",
    default: "unset: the defect's own size",
    secret: false,
    readBy: 'tools',
  },
] as const satisfies readonly KnobEntry[];

type Catalogued = (typeof KNOBS)[number];

/** Every knob's name: a reader given any other name does not typecheck. */
export type KnobName = Catalogued['name'];

/** Knobs the k6 bundles read. */
export type SuiteKnobName = Extract<Catalogued, { readBy: 'k6' }>['name'];

/** Knobs whose values are secrets (lib/k6/secrets.ts reads these, at run time only). */
export type SecretKnobName = Extract<Catalogued, { secret: true }>['name'];

export function isKnobName(name: string): name is KnobName {
  return KNOBS.some((entry) => entry.name === name);
}

/** The catalogue entry of a knob. */
export function knob(name: KnobName): KnobEntry {
  return KNOBS.find((entry) => entry.name === name) as KnobEntry;
}
