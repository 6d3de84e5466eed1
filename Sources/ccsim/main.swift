import CCSimCLI

CCSim.main()
