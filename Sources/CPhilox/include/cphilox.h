#ifndef CCSIM_CPHILOX_H
#define CCSIM_CPHILOX_H

// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as 1, 2, 3",
// SC'11; Random123, Debian's librandom123-dev) as a GSL generator type, so that every gsl_ran_*
// sampler draws from it; and the generator's next number as a static inline function, so that the
// simulator's hottest draws (uniforms and exponentials) are inlined instead of going through GSL's
// function pointer. Both read the same state, so they draw the same numbers.
//
// The GSL type is made by Random123's own adapter, GSL_CBRNG in
// <Random123/conventional/gsl_cbrng.h>, in cphilox.c. Its state struct is declared by that macro
// inside the .c file; `ccsim_philox_state` below repeats its layout for the inline path, and
// cphilox.c checks with static assertions that the two agree.

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include <Random123/philox.h>

/// The state of a gsl_rng of type ccsim_rng_philox(): the layout GSL_CBRNG(…, philox4x32) gives.
typedef struct {
  philox4x32_ctr_t ctr;   // the counter: v[0] counts blocks, v[1..3] name the stream
  philox4x32_ctr_t r;     // the current block of four 32-bit outputs
  philox4x32_key_t key;   // the master seed, 64 bits
  int elem;               // outputs of `r` not yet used (taken from the top)
} ccsim_philox_state;

/// The GSL generator type (name "ccsim_philox", 32-bit outputs).
const gsl_rng_type *ccsim_rng_philox(void);

/// Keys a generator of type ccsim_rng_philox(): the master seed is the 64-bit key, and the stream
/// names the high three words of the counter, whose low word counts blocks from 1:
///   ctr = (block, replication + 1, index + 1, purpose << 24 | day), purpose ≥ 1.
/// Distinct (seed, replication, index, purpose, day) therefore read disjoint ranges of one
/// bijection: streams cannot overlap while each draws fewer than 4·2³² numbers. The high words are
/// never 0 because the adapter's `get` carries into a word whenever the word below it is 0 (not
/// only when it has just wrapped): a zero word would move the stream on every block.
/// `replication` and `index` must be below 2³² − 1, `day` below 2²⁴.
void ccsim_philox_key(gsl_rng *rng, uint64_t seed, uint32_t replication, uint32_t index, uint32_t purpose, uint32_t day);

/// Computes the state's next block (advancing the counter as GSL_CBRNG's `get` does) and makes its
/// four outputs available. Out of line: ten Philox rounds are too large to inline at every draw.
void ccsim_philox_refill(ccsim_philox_state *st);

/// The next 32-bit output, exactly as GSL_CBRNG's `get` computes it: the inlined part is a load
/// and a branch; one call in four refills the block.
static inline __attribute__((always_inline)) uint32_t ccsim_philox_next(gsl_rng *rng) {
  ccsim_philox_state *st = (ccsim_philox_state *)rng->state;
  if (__builtin_expect(st->elem == 0, 0)) ccsim_philox_refill(st);
  return st->r.v[--st->elem];
}

/// A uniform on the open interval (0, 1): what gsl_rng_uniform_pos returns for this generator.
static inline __attribute__((always_inline)) double ccsim_philox_uniform_pos(gsl_rng *rng) {
  double x;
  do { x = ccsim_philox_next(rng) / 4294967296.0; } while (x == 0);
  return x;
}

#endif
