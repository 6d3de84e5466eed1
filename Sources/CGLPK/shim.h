#ifndef CCSIM_CGLPK_SHIM_H
#define CCSIM_CGLPK_SHIM_H

// GLPK (GNU Linear Programming Kit), Debian package libglpk-dev; only ShiftPlanning imports it.
// glpk.h declares no mutable globals, and its constants are plain integer macros that Swift imports
// as they are, so no accessors are needed here.
#include <glpk.h>

#endif
