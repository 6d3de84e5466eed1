// ccsim-bench: the standard workloads, timed. Build and run optimised only:
//   swift run -c release ccsim-bench                    every workload, each in its own process
//   swift run -c release ccsim-bench --workload mmn-s --json
//   swift run -c release ccsim-bench --compare-c PATH   MMN+M-S and -L against shared/bench/mmn_c.c
//   swift run -c release ccsim-bench --help             every option
// The command line is `Bench` (Bench.swift); each workload has its own file.
Bench.main()
