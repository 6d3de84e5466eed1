#include "cphilox.h"

#include <stddef.h>
#include <Random123/conventional/gsl_cbrng.h>

// Random123's adapter: declares the state `ccsim_philox_gsl_state`, its get, get_double and
// set, and the type `gsl_rng_ccsim_philox_gsl`.
GSL_CBRNG(ccsim_philox_gsl, philox4x32);

// The inline path in cphilox.h reads the adapter's state through its own declaration of it.
_Static_assert(sizeof(ccsim_philox_gsl_state) == sizeof(ccsim_philox_state), "Philox state layout");
_Static_assert(offsetof(ccsim_philox_gsl_state, ctr) == offsetof(ccsim_philox_state, ctr), "Philox ctr");
_Static_assert(offsetof(ccsim_philox_gsl_state, r) == offsetof(ccsim_philox_state, r), "Philox r");
_Static_assert(offsetof(ccsim_philox_gsl_state, key) == offsetof(ccsim_philox_state, key), "Philox key");
_Static_assert(offsetof(ccsim_philox_gsl_state, elem) == offsetof(ccsim_philox_state, elem), "Philox elem");

void ccsim_philox_refill(ccsim_philox_state *st) {
  // GSL_CBRNG's carries, word by word as it makes them.
  ++st->ctr.v[0];
  if (st->ctr.v[0] == 0) ++st->ctr.v[1];
  if (st->ctr.v[1] == 0) ++st->ctr.v[2];
  if (st->ctr.v[2] == 0) ++st->ctr.v[3];
  st->r = philox4x32(st->ctr, st->key);
  st->elem = 4;
}

const gsl_rng_type *ccsim_rng_philox(void) { return gsl_rng_ccsim_philox_gsl; }

void ccsim_philox_key(gsl_rng *rng, uint64_t seed, uint32_t replication, uint32_t index, uint32_t purpose, uint32_t day) {
  ccsim_philox_state *st = (ccsim_philox_state *)rng->state;
  st->key.v[0] = (uint32_t)seed;
  st->key.v[1] = (uint32_t)(seed >> 32);
  st->ctr.v[0] = 0;
  st->ctr.v[1] = replication + 1;
  st->ctr.v[2] = index + 1;
  st->ctr.v[3] = purpose << 24 | (day & 0xFFFFFF);
  st->elem = 0;
}
