#ifndef CCSIM_CGSL_SHIM_H
#define CCSIM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_multimin.h>

// The generator type the simulator draws from is Random123's Philox (the CPhilox target), reached
// through an accessor function: Swift 6 rejects GSL's own generator types (mutable globals such
// as gsl_rng_mt19937) as shared mutable state.

// GSL's minimiser types are mutable globals too; the fits reach Nelder–Mead through this accessor.
static inline const gsl_multimin_fminimizer_type *ccsim_multimin_nmsimplex2(void) {
  return gsl_multimin_fminimizer_nmsimplex2;
}

#endif
