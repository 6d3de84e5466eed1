#ifndef CCSIM_CALLOCATIONCOUNTER_H
#define CCSIM_CALLOCATIONCOUNTER_H

#include <stdint.h>

/// Heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc) made by the process
/// since it started, counted by the interposed allocator functions in callocationcounter.c.
/// Linked into ccsim-bench only, to report allocations per event.
uint64_t ccsim_allocation_count(void);

#endif
