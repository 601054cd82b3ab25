// How often the soak's user does each thing, relative to the others. Pure TypeScript (unit-tested).
// Logins (fresh, after logout, and wrong passwords) all count toward the per-account login limiter,
// 10 per 60 s by default: these weights make 0.25 login attempts per iteration, about 3.75 a minute at
// the default 4 s mean think time and 7.5 at the 2 s minimum, so a correct service never has to refuse
// a load-test user. (A 429 would still be counted as a correct answer, not a failure.)
export const MIXED_WEIGHTS = {
  protected: 55,
  freshLogin: 10,
  logoutAndRelogin: 10,
  health: 10,
  invalidToken: 10,
  wrongPassword: 5,
};
