// How often the soak's user does each thing, relative to the others. Pure TypeScript (unit-tested).
// Logging out (and in again) is scheduled, the rest drawn: see lib/logout-schedule.ts.
import { logsOutAt } from './logout-schedule.ts';
import { pickWeighted } from './weighted-choice.ts';

// Logins (fresh, after logout, and wrong passwords) all count toward the per-account login limiter,
// 10 per 60 s by default: these weights make 0.25 login attempts per iteration, about 3.75 a minute at
// the default 4 s mean think time and 7.5 at the 2 s minimum, so a correct service never has to refuse
// a load-test user (a 429 to one of their logins is a failed request).
export const MIXED_WEIGHTS = {
  protected: 55,
  freshLogin: 10,
  logoutAndRelogin: 10,
  health: 10,
  invalidToken: 10,
  wrongPassword: 5,
};

export type MixedAction = keyof typeof MIXED_WEIGHTS;

/** Every how many iterations a mixed user logs out: its weight's share of the whole, as a period. */
export const MIXED_LOGOUT_PERIOD = Math.round(
  Object.values(MIXED_WEIGHTS).reduce((sum, weight) => sum + weight, 0) / MIXED_WEIGHTS.logoutAndRelogin,
);

const { logoutAndRelogin: _scheduled, ...DRAWN_WEIGHTS } = MIXED_WEIGHTS;

/**
 * The action of user `vuId` in its `iteration`: a logout when the schedule says so, else one of the other
 * actions drawn in proportion to its weight, so each keeps its share of the whole mix.
 */
export function mixedAction(iteration: number, vuId: number, random: number): MixedAction {
  if (logsOutAt(iteration, vuId, MIXED_LOGOUT_PERIOD)) return 'logoutAndRelogin';
  return pickWeighted(DRAWN_WEIGHTS, random);
}
