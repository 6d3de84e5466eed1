import Foundation

/// What the test targets share: paths into the repository, temporary folders, seeded test data,
/// and child processes started as a shell would start them.

/// A path inside the repository (the scenarios and plans the tests run), absolute.
public func repositoryPath(_ relative: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent(relative).standardized.path
}

/// A reference file of `shared/reference/public` (`erlang_c.json`, `sim_ndesign.json`, …), absolute:
/// the one copy in `Tests/Reference/`, which QueueingTests and ContactCenterModelTests both read
/// (and `Scripts/validation-report` too).
public func referenceFixture(_ name: String) -> String { repositoryPath("Tests/Reference/\(name)") }

/// A new empty folder under the system's temporary folder, named `ccsim-<purpose>-<UUID>`.
public func temporaryFolder(_ purpose: String) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-\(purpose)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// SplitMix64 (Steele, Lea and Flood), for test data only: a seed gives the same words everywhere.
public struct SplitMix {
  public var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A child process, started with `posix_spawn` as a shell would start it: SIGINT and SIGTERM at
/// their default action and no signal blocked (the test threads block some, and a child inherits
/// the mask), standard input from `/dev/null`, standard output and error into files (or
/// `/dev/null`), optionally in a process group of its own so that every helper it starts can be
/// killed with it.
public struct ChildProcess {
  public let pid: pid_t
  let ownGroup: Bool

  /// Why a child could not be started: its program and `posix_spawn`'s error number.
  public struct StartFailure: Error, CustomStringConvertible {
    public var program: String
    public var code: Int32
    public var description: String { "could not start \(program): error \(code)" }
  }

  /// Starts `arguments[0]` (a path) with the rest as its arguments, in this process's environment
  /// with `environment`'s variables set (or replaced).
  public init(
    _ arguments: [String], output: String = "/dev/null", errors: String = "/dev/null", ownGroup: Bool = false,
    environment: [String: String] = [:]
  ) throws {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGTERM)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    if ownGroup { posix_spawnattr_setpgroup(&attributes, 0) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | (ownGroup ? POSIX_SPAWN_SETPGROUP : 0)))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = arguments.map { strdup($0) } + [nil]
    let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let environ = variables.map { strdup("\($0)=\($1)") } + [nil]
    defer { (argv + environ).forEach { free($0) } }
    var pid = pid_t()
    let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
    guard status == 0 else { throw StartFailure(program: arguments[0], code: status) }
    self.pid = pid
    self.ownGroup = ownGroup
  }

  /// Sends SIGINT, as Ctrl-C in a terminal would.
  public func interrupt() { kill(pid, SIGINT) }

  /// Waits for the child; returns its exit status, or nil and the signal that ended it.
  public func wait() -> (exitStatus: Int32?, signal: Int32?) {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let signal = status & 0x7f
    return signal == 0 ? ((status >> 8) & 0xff, nil) : (nil, signal)
  }

  /// Waits up to `seconds` for the child: its exit status (128 + the signal when a signal ended it,
  /// as a shell reports a trap), or `nil` when it had to be killed. With a group of its own, the
  /// whole group is killed afterwards in either case, so no helper outlives the test.
  public func wait(seconds: Double) -> Int32? {
    let deadline = Date().addingTimeInterval(seconds)
    defer { if ownGroup { kill(-pid, SIGKILL) } }
    while true {
      var exit: Int32 = 0
      let waited = waitpid(pid, &exit, WNOHANG)
      if waited == pid { return (exit & 0x7f) == 0 ? (exit >> 8) & 0xff : 128 + (exit & 0x7f) }
      if waited == -1 && errno != EINTR { return -1 }
      if Date() > deadline {
        kill(ownGroup ? -pid : pid, SIGKILL)
        while waitpid(pid, &exit, 0) == -1 && errno == EINTR {}
        return nil
      }
      usleep(20_000)
    }
  }
}

/// The executable `name` built next to the tests (`ccsim`, or one of `Examples/`), run with
/// `arguments` and given up to `seconds` to finish (then killed): its exit status (as
/// ``ChildProcess/wait(seconds:)``), standard output and standard error. `environment` sets (or
/// replaces) variables of this process's environment for the child, e.g. `["COLUMNS": "100"]`.
public func builtProgram(_ name: String, _ arguments: [String], seconds: Double = 60, environment: [String: String] = [:]) throws
  -> (status: Int32?, stdout: String, stderr: String) {
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
  let folder = try temporaryFolder("child")
  defer { try? FileManager.default.removeItem(at: folder) }
  let (output, errors) = (folder.appendingPathComponent("stdout"), folder.appendingPathComponent("stderr"))
  let status = try ChildProcess([binary.path] + arguments, output: output.path, errors: errors.path, environment: environment)
    .wait(seconds: seconds)
  func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
  return (status, text(output), text(errors))
}
