// The instances test's user: one token checked across every instance of a service behind a balancer. Each
// iteration logs in through the balancer (BASE_URL), calls once more through it (which instance answered is
// information: balancer_answers by worker header), calls every instance directly (INSTANCE_URLS) with the
// token, which each must accept, logs out through one instance (taking turns), and calls every instance
// with the revoked token, which each must refuse. A refusal of the live token, or an acceptance of the
// revoked one, is a cross_instance_errors count; the acceptance is also revoked_token_accepted. Without
// INSTANCE_URLS the same calls go through the balancer only, and cross_instance_errors is NOT RUN.
import { sleep } from 'k6';
import exec from 'k6/execution';
import { isSuccess } from '../../contract.ts';
import { type AuthClient, createAuthClient, type Session } from '../auth-client.ts';
import { checkLoginLimitOnce } from '../login-limit-check.ts';
import { balancerAnswers, crossInstanceChecks, crossInstanceErrors } from '../metrics.ts';
import { config } from '../run-config.ts';
import { type SignedInUser, signedInUser } from './signed-in-user.ts';

/**
 * Shortest iteration, think time included: every iteration logs in, and at 7 s an account logs in at most
 * about 8.6 times a minute, under the reference service's 10 (LOGIN_LIMIT_PER_ACCOUNT), so the limiter
 * never refuses an ordinary user here.
 */
const MIN_ITERATION_S = 7;

const balancer = createAuthClient(config);
const instanceUrls = config.instanceUrls ?? [];
const direct: AuthClient[] = instanceUrls.map((url) => createAuthClient({ ...config, baseUrl: url }));
const targets = direct.length > 0 ? direct : [balancer];
const refused = new Set(config.contract.refusedStatuses);
let user: SignedInUser | undefined;
const told = new Set<string>();

function tellOnce(kind: string, message: string): void {
  if (told.has(kind)) return;
  told.add(kind);
  console.warn(message);
}

/** A live token: every instance must accept it; a refusal with the invalid-token status is the defect. */
function checkAccepted(session: Session): void {
  direct.forEach((client, index) => {
    const answer = client.callProtected(session);
    crossInstanceChecks.add(1);
    if (refused.has(answer.status)) {
      crossInstanceErrors.add(1, { check: 'token_refused', instance: String(index + 1) });
      tellOnce(
        'refused',
        `instances: a token issued through the balancer was refused (${answer.status}) by ${instanceUrls[index]}: ` +
          'do the instances share one signing key (JWT_SECRET)?',
      );
    }
  });
}

/** A revoked token: every instance must refuse it. */
function checkRefused(token: string, revokedThrough: number): void {
  targets.forEach((client, index) => {
    const answer = client.callProtectedWithRevokedToken(token, false);
    if (direct.length === 0) return;
    crossInstanceChecks.add(1);
    if (isSuccess(answer.status)) {
      crossInstanceErrors.add(1, { check: 'revoked_accepted', instance: String(index + 1) });
      tellOnce(
        'accepted',
        `instances: a token revoked through ${instanceUrls[revokedThrough]} was accepted by ${instanceUrls[index]}: ` +
          'do the instances share one denylist?',
      );
    }
  });
}

export async function instancesUser(): Promise<void> {
  const started = Date.now();
  checkLoginLimitOnce(targets);
  user ??= await signedInUser(balancer);
  const session = user.session();
  user.forget();
  if (session !== undefined) {
    const answer = balancer.callProtected(session);
    balancerAnswers.add(1, { served_by: answer.workerId ?? 'unnamed' });
    checkAccepted(session);
    const through = (exec.vu.idInTest + exec.vu.iterationInScenario) % targets.length;
    if (targets[through].logout(session).revoked) checkRefused(session.token, through);
  }
  const { min, max } = config.thinkTimeS;
  const thinkS = min + Math.random() * (max - min);
  sleep(Math.max(thinkS, MIN_ITERATION_S - (Date.now() - started) / 1000));
}
