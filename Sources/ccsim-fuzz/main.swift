// ccsim-fuzz: a fuzzing campaign over the example scenarios and plans (Docs/fuzzing.md).
//
//   ccsim-fuzz N [--out DIR] [--seed S] [--batch B] [--timeout SECONDS] [--scenarios FOLDER]
//       runs mutants 0..<N, B per worker process, and writes each mutant that traps, hangs,
//       yields NaN or is refused at no place to DIR, with its seed;
//   ccsim-fuzz --worker FROM COUNT --seed S --scenarios FOLDER
//       (internal) checks mutants FROM..<FROM+COUNT, printing "start i" and "done i outcome".
import Foundation
import ScenarioFuzzing

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("ccsim-fuzz: \(message)\n".utf8))
  exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
  guard let index = arguments.firstIndex(of: name) else { return nil }
  guard index + 1 < arguments.count else { fail("\(name) needs a value") }
  defer { arguments.removeSubrange(index...(index + 1)) }
  return arguments[index + 1]
}
let seedText = option("--seed") ?? "1"
guard let seed = UInt64(seedText) else { fail("--seed: expected a whole number from 0 to 2^64 - 1, found '\(seedText)'") }
let scenarios = option("--scenarios") ?? "Scenarios"
let targets: [FuzzTarget]
do { targets = try FuzzTarget.examples(in: scenarios) } catch { fail("cannot read the examples in \(scenarios): \(error)") }
guard !targets.isEmpty else { fail("no *.yaml examples in \(scenarios)") }
let campaign = FuzzCampaign(targets: targets, masterSeed: seed)

func write(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

if let index = arguments.firstIndex(of: "--worker") {
  guard index + 2 < arguments.count, let from = Int(arguments[index + 1]), let count = Int(arguments[index + 2]) else {
    fail("--worker needs FROM and COUNT")
  }
  for i in from..<(from + count) {
    write("start \(i)")
    let outcome = campaign.check(campaign.mutant(i))
    switch outcome {
    case .refused: write("done \(i) refused")
    case .ran: write("done \(i) ran")
    case .overloaded: write("done \(i) overloaded")
    case .nan(let metric): write("done \(i) nan \(metric)")
    case .misplaced(let problem): write("done \(i) misplaced \(problem.replacingOccurrences(of: "\n", with: "\\n"))")
    }
  }
  exit(0)
}

let outText = option("--out") ?? "Results/fuzz"
let batchText = option("--batch") ?? "200", timeoutText = option("--timeout") ?? "10"
guard let batch = Int(batchText), batch >= 1 else { fail("--batch: expected a whole number ≥ 1, found '\(batchText)'") }
guard let timeout = Double(timeoutText), timeout > 0 else { fail("--timeout: expected seconds > 0, found '\(timeoutText)'") }
guard arguments.count == 1, let total = Int(arguments[0]), total >= 0 else {
  fail("usage: ccsim-fuzz N [--out DIR] [--seed S] [--batch B] [--timeout SECONDS] [--scenarios FOLDER]")
}
try? FileManager.default.createDirectory(atPath: outText, withIntermediateDirectories: true)

/// Counts over the campaign.
var counts: [String: Int] = ["mutants": 0, "refused": 0, "validated": 0, "ran": 0, "overloaded": 0, "traps": 0, "hangs": 0, "nans": 0, "misplaced": 0]

/// Writes a failing mutant and what is known of its cause to the output folder.
@MainActor func keep(_ index: Int, kind: String, cause: String) {
  let mutant = campaign.mutant(index)
  let stem = "\(outText)/\(kind)-\(index)-\(mutant.target.name.replacingOccurrences(of: "/", with: "_"))"
  FileManager.default.createFile(atPath: stem, contents: Data(mutant.bytes))
  let note = "\(kind): mutant \(index) of \(mutant.target.name)\nmaster seed \(seed), mutator seed \(mutant.seed)\n"
    + "operators: \(mutant.operators.joined(separator: ", "))\nreplay: ccsim-fuzz --worker \(index) 1 --seed \(seed) --scenarios \(scenarios)\n\n\(cause)\n"
  FileManager.default.createFile(atPath: stem + ".txt", contents: Data(note.utf8))
  write("\(kind): mutant \(index) (\(mutant.target.name), seed \(mutant.seed)) → \(stem)")
}

/// Runs mutants `from..<end` in one worker process; returns the index to continue from (past a
/// mutant that trapped or hung).
@MainActor func runBatch(from: Int, end: Int) -> Int {
  let worker = Process()
  worker.executableURL = URL(fileURLWithPath: CommandLine.arguments[0].contains("/")
    ? CommandLine.arguments[0] : Bundle.main.executablePath!)
  worker.arguments = ["--worker", "\(from)", "\(end - from)", "--seed", "\(seed)", "--scenarios", scenarios]
  let output = Pipe(), errors = Pipe()
  worker.standardOutput = output
  worker.standardError = errors
  var environment = ProcessInfo.processInfo.environment
  environment["SWIFT_BACKTRACE"] = environment["SWIFT_BACKTRACE"] ?? "enable=no"
  worker.environment = environment
  let lines = LineReader(output.fileHandleForReading)
  let stderrText = StderrCollector(errors.fileHandleForReading)
  do { try worker.run() } catch { fail("cannot start a worker: \(error)") }
  var current: Int?
  var next = from
  while true {
    guard let line = lines.next(timeout: timeout) else {
      // Silence for `timeout` seconds while a mutant is being checked: a hang.
      worker.terminate()
      usleep(200_000)
      if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
      worker.waitUntilExit()
      let index = current ?? next
      counts["hangs"]! += 1
      counts["mutants"]! += 1
      keep(index, kind: "hang", cause: "no result within \(timeout) s")
      return index + 1
    }
    if line.isEmpty { break }   // end of output
    let words = line.split(separator: " ", maxSplits: 3).map(String.init)
    if words.first == "start", words.count == 2 { current = Int(words[1]); continue }
    guard words.first == "done", words.count >= 3, let index = Int(words[1]) else { continue }
    current = nil
    next = index + 1
    counts["mutants"]! += 1
    switch words[2] {
    case "refused": counts["refused"]! += 1
    case "ran": counts["validated"]! += 1; counts["ran"]! += 1
    case "overloaded": counts["validated"]! += 1; counts["overloaded"]! += 1
    case "nan":
      counts["validated"]! += 1; counts["nans"]! += 1
      keep(index, kind: "nan", cause: "NaN in \(words.count > 3 ? words[3] : "?")")
    default:
      counts["misplaced"]! += 1
      keep(index, kind: "misplaced", cause: (words.count > 3 ? words[3] : "").replacingOccurrences(of: "\\n", with: "\n"))
    }
  }
  worker.waitUntilExit()
  usleep(100_000)   // the rest of a trap's message
  if let index = current {   // the worker died while checking mutant `index`: a trap
    counts["traps"]! += 1
    counts["mutants"]! += 1
    keep(index, kind: "trap", cause: "worker ended with status \(worker.terminationStatus) (\(worker.terminationReason == .uncaughtSignal ? "signal" : "exit"))\n\(stderrText.text.suffix(4000))")
    return index + 1
  }
  return next
}

/// Lines of a pipe, read on a thread, with a timeout; "" at the end of the output.
final class LineReader: @unchecked Sendable {
  private let condition = NSCondition()
  private var lines: [String] = []
  private var ended = false

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      var buffer = Data()
      while true {
        let chunk = handle.availableData
        condition.lock()
        if chunk.isEmpty {
          if !buffer.isEmpty { lines.append(String(decoding: buffer, as: UTF8.self)) }
          ended = true
          condition.broadcast(); condition.unlock()
          return
        }
        buffer.append(chunk)
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
          lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
          buffer.removeSubrange(buffer.startIndex...newline)
        }
        condition.broadcast(); condition.unlock()
      }
    }
  }

  /// The next line, "" at the end, `nil` when nothing came for `timeout` seconds.
  func next(timeout: Double) -> String? {
    condition.lock()
    defer { condition.unlock() }
    let deadline = Date(timeIntervalSinceNow: timeout)
    while lines.isEmpty && !ended {
      if !condition.wait(until: deadline) { return lines.isEmpty && !ended ? nil : next(locked: ()) }
    }
    return next(locked: ())
  }

  private func next(locked: Void) -> String {
    lines.isEmpty ? "" : lines.removeFirst()
  }
}

/// Everything a worker writes to standard error (a trap's message).
final class StderrCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { return }
        lock.lock(); data.append(chunk); lock.unlock()
      }
    }
  }
  var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
}

let started = Date()
var index = 0
while index < total {
  index = runBatch(from: index, end: min(total, index + batch))
}
let seconds = Date().timeIntervalSince(started)
write("""
  fuzzed \(counts["mutants"]!) mutants of \(targets.count) examples (seed \(seed)) in \(Int(seconds)) s:
    refused \(counts["refused"]!), validated \(counts["validated"]!), ran \(counts["ran"]!), stopped as overloaded \(counts["overloaded"]!)
    traps \(counts["traps"]!), hangs \(counts["hangs"]!), NaNs \(counts["nans"]!), misplaced errors \(counts["misplaced"]!)
  failing inputs (if any) are in \(outText)
  """)
exit(counts["traps"]! + counts["hangs"]! + counts["nans"]! + counts["misplaced"]! == 0 ? 0 : 1)
