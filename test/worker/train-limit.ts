/** The rate limiter's count in the worker suite: small, so the 429 test needs few requests. */
export const trainLimit = 5;
