// validation-report: writes Docs/validation.md to standard output (Scripts/validation-report runs it).
// The command line is `ValidationReport` (ValidationReport.swift).
ValidationReport.main()
