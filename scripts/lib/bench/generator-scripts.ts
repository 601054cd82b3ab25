// The bench's reference workloads, written into a temp folder at run time: the same user as the suite's
// authentication workload (log in once, then one protected call per iteration, think 2-6 s) in the
// plainest form each tool allows. Pure: each function returns the file's text.
import type { RampingVusScenario } from '../../../lib/profiles.ts';

export interface ReferenceWorkload {
  scenario: RampingVusScenario;
  thinkMinS: number;
  thinkMaxS: number;
  /** Adds per-name latency sub-metrics (login, protected) to the summary; costs a little, so opt-in. */
  latencyByName?: boolean;
}

/** A k6 script as a tester would write it in five minutes: no helpers, no custom metrics, no summary. */
export function trivialK6Script(workload: ReferenceWorkload): string {
  const thresholds = workload.latencyByName
    ? {
        'http_req_duration{name:login}': ['p(95)>=0'],
        'http_req_duration{name:protected}': ['p(95)>=0'],
      }
    : {};
  const options = { scenarios: { load: workload.scenario }, thresholds };
  return `import http from 'k6/http';
import { sleep } from 'k6';

export const options = ${JSON.stringify(options)};

const base = __ENV.BASE_URL;
let token;

export default function () {
  if (token === undefined) {
    const login = http.post(
      base + '/auth/login',
      JSON.stringify({ email: 'user' + (__VU - 1) + '@example.com', password: __ENV.USER_PASSWORD }),
      { headers: { 'Content-Type': 'application/json' }, tags: { name: 'login' } },
    );
    token = login.json('access_token');
  }
  http.get(base + '/api/protected', {
    headers: { Authorization: 'Bearer ' + token },
    tags: { name: 'protected' },
  });
  sleep(${workload.thinkMinS} + Math.random() * ${workload.thinkMaxS - workload.thinkMinS});
}
`;
}

/** The same user under Locust's FastHttpUser (gevent, one process). */
export function locustFile(workload: ReferenceWorkload): string {
  return `import os
from locust import FastHttpUser, between, task

counter = 0


class BenchUser(FastHttpUser):
    wait_time = between(${workload.thinkMinS}, ${workload.thinkMaxS})

    def on_start(self):
        global counter
        counter += 1
        answer = self.client.post(
            "/auth/login",
            json={"email": "user%d@example.com" % (counter - 1), "password": os.environ["USER_PASSWORD"]},
            name="login",
        )
        self.token = answer.json()["access_token"]

    @task
    def protected(self):
        self.client.get("/api/protected", headers={"Authorization": "Bearer " + self.token}, name="protected")
`;
}
