import Foundation
import Testing

/// A path inside the repository (the scenarios the tests run).
func repositoryPath(_ relative: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent(relative).path
}

/// A new empty folder under the system's temporary folder, named `ccsim-<purpose>-<UUID>`.
func temporaryFolder(_ purpose: String) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-\(purpose)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// `ccsim arguments` as a child process, given up to `seconds` to finish (then killed): its exit
/// status (nil when it had to be killed; 128 + the signal when a signal ended it, as a shell reports
/// a trap) and standard error.
func ccsim(_ arguments: [String], seconds: Double = 60) throws -> (status: Int32?, stderr: String) {
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ccsim")
  try #require(FileManager.default.isExecutableFile(atPath: binary.path), "ccsim not built next to the tests at \(binary.path)")
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  let errors = Pipe()
  process.standardError = errors
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  let deadline = Date().addingTimeInterval(seconds)
  while process.isRunning && Date() < deadline { usleep(20_000) }
  let finished = !process.isRunning
  if !finished { process.terminate() }
  process.waitUntilExit()
  let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
  return (finished ? status : nil, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
}
