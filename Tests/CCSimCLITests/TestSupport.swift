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
  let ending = try builtProgram("ccsim", arguments, seconds: seconds, keepingOutput: false)
  return (ending.status, ending.stderr)
}

/// The executable `name` built next to the tests (`ccsim`, or one of `Examples/`), run with
/// `arguments` as a child process and given up to `seconds` to finish (then killed): its exit
/// status (as ``ccsim(_:seconds:)``), and its standard output (when `keepingOutput`; it must stay
/// under a pipe's 64 KiB) and standard error.
func builtProgram(_ name: String, _ arguments: [String], seconds: Double = 60, keepingOutput: Bool = true) throws
  -> (status: Int32?, stdout: String, stderr: String) {
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
  try #require(FileManager.default.isExecutableFile(atPath: binary.path), "\(name) not built next to the tests at \(binary.path)")
  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  let output = Pipe(), errors = Pipe()
  process.standardError = errors
  process.standardOutput = keepingOutput ? output : FileHandle.nullDevice
  try process.run()
  let deadline = Date().addingTimeInterval(seconds)
  while process.isRunning && Date() < deadline { usleep(20_000) }
  let finished = !process.isRunning
  if !finished { process.terminate() }
  process.waitUntilExit()
  let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
  func text(_ pipe: Pipe) -> String { String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
  return (finished ? status : nil, keepingOutput ? text(output) : "", text(errors))
}
