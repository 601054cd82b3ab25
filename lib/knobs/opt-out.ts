// The one value that opts out of criteria by name (REDIS_URL=off, LOGIN_LIMIT_PER_ACCOUNT=off). Its own file so
// that the k6 bundles, which need only this word, do not carry the whole catalogue's text into every VU.
export const OPT_OUT_VALUE = 'off';
