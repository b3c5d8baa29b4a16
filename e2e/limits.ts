/**
 * Every browser test signs in from 127.0.0.1, so the suite's server allows more sign-in links per
 * address than production's 30; the spec that checks the per-address limit reads the same number.
 */
export const SIGN_IN_LINKS_PER_IP = 100;
