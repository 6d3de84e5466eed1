import Foundation

/// A results folder, `<root>/<scenario>/<run-id>`, checked before any work and written
/// atomically after it. Making one checks the root (so no command simulates for minutes only to
/// find it cannot keep the results); ``write(seed:label:files:beforeRename:)`` then writes every
/// file into a hidden temporary folder beside the destination and renames it into place only when
/// all are written. An interrupted run (crash, Ctrl-C) leaves no `Results/<scenario>/<run-id>`
/// folder; Ctrl-C or SIGTERM while the files are written removes the temporary one too, and the
/// write throws ``Interrupted`` (`ccsim` then exits with status 130 or 143).
///
/// This is the one place outside the scenario readers where the library touches files: the
/// formatters in `Reporting` return strings, and this type puts them on disk.
///
///     let folder = try ResultsFolder(under: "Results", scenario: file.scenario.name)  // before the work
///     let result = …                                                                 // the work
///     let path = try folder.write(seed: seed, files: [("summary.json", json)])
public struct ResultsFolder: Sendable {
  /// `<root>/<scenario>`, the folder the run folder goes into.
  public let parent: URL

  /// SIGINT or SIGTERM arrived while the files were written: the temporary folder is removed,
  /// nothing was renamed into place, and the signal has been consumed (it will not act again).
  /// A command line exits with status `128 + signal`, as the signal itself would have.
  public struct Interrupted: Error, Hashable, Sendable {
    /// The signal's number (`SIGINT` or `SIGTERM`).
    public var signal: Int32
    public init(signal: Int32) { self.signal = signal }
  }

  /// Checks that results can be written under `root` for `scenario`: every part of
  /// `<root>/<scenario>` that exists is a folder (or a link to one), and the deepest one that
  /// exists can be written in — a probe folder is made there and removed at once, which is the
  /// only test that also holds for root, read-only mounts and `/proc`. Nothing else is created;
  /// the missing folders are made by ``write(seed:label:files:beforeRename:)``.
  /// - Throws: ``InputError`` for `--out` naming what was found, one of
  ///   `a file: PATH`, `a device: PATH`, `something that is not a folder: PATH` or
  ///   `a folder ccsim cannot write in: PATH`, where `PATH` is the part of `--out` (or of
  ///   `<root>/<scenario>`) that is at fault.
  public init(under root: String, scenario: String) throws(InputError) {
    parent = URL(fileURLWithPath: root).appendingPathComponent(scenario)
    let path = root.isEmpty ? scenario : (root.hasSuffix("/") ? root : root + "/") + scenario
    var deepest = path.hasPrefix("/") ? "/" : "."
    for component in path.split(separator: "/") where component != "." {
      let candidate = deepest == "." ? String(component) : deepest == "/" ? "/" + component : deepest + "/" + component
      var status = stat()
      guard stat(candidate, &status) == 0 else {
        if errno == ENOENT { break }
        throw Self.refusal("a folder ccsim cannot write in", deepest)
      }
      switch status.st_mode & S_IFMT {
      case S_IFDIR: deepest = candidate
      case S_IFREG: throw Self.refusal("a file", candidate)
      case S_IFCHR, S_IFBLK: throw Self.refusal("a device", candidate)
      default: throw Self.refusal("something that is not a folder", candidate)
      }
    }
    let probe = deepest + "/.ccsim-out-check-\(getpid())"
    guard mkdir(probe, 0o700) == 0 || errno == EEXIST else { throw Self.refusal("a folder ccsim cannot write in", deepest) }
    rmdir(probe)
  }

  private static func refusal(_ what: String, _ path: String) -> InputError {
    InputError(field: "--out", expected: "a folder results can be written in", found: "\(what): \(path)")
  }

  /// Writes `files` into `<root>/<scenario>/<run-id>` and returns that path. The run id is the UTC
  /// time and the seed, `20261123-142501-s1`, then the command's label for other commands than
  /// `run` (`-compare`), with `-2`, `-3`, … added if it exists already.
  /// - Parameters:
  ///   - seed: The run's master seed, part of the run id; `nil` for a command without one (`fit`).
  ///   - label: The command's label (`compare`, `staff`, `sweep`), or `nil` for a plain run.
  ///   - files: `(name, contents)` of every file, written in this order as UTF-8.
  ///   - beforeRename: Called once every file is in the temporary folder, just before a signal
  ///     held meanwhile is honoured and the folder is renamed into place; tests use it to interrupt
  ///     the write at its worst moment.
  /// - Throws: ``Interrupted`` when SIGINT or SIGTERM arrived while writing; ``InputError`` for
  ///   `--out` when `<root>/<scenario>` cannot be made; the file system's error when a file cannot
  ///   be written. Nothing is left behind in either case.
  public func write(seed: UInt64?, label: String? = nil, files: [(String, String)], beforeRename: () -> Void = {}) throws -> String {
    let manager = FileManager.default
    do {
      try manager.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw Self.refusal("a folder ccsim cannot write in", parent.path)
    }
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.locale = Locale(identifier: "en_US_POSIX")
    let base = formatter.string(from: Date()) + (seed.map { "-s\($0)" } ?? "") + (label.map { "-\($0)" } ?? "")
    let temporary = parent.appendingPathComponent(".incomplete-\(base)-\(getpid())")
    // Ctrl-C and SIGTERM wait while the folder is written; one that arrived meanwhile is honoured
    // just before the rename, with the temporary folder removed. Nothing runs concurrently with
    // the writing, so no interleaving can leave a partial folder behind.
    let signals = DeferredSignals()
    defer { signals.restore() }   // a signal arriving after the check ends the process, folder complete
    try? manager.removeItem(at: temporary)
    try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
    do {
      for (name, contents) in files {
        try Data(contents.utf8).write(to: temporary.appendingPathComponent(name))
      }
      beforeRename()
      if let signal = signals.pending() {
        signals.consume(signal)
        throw Interrupted(signal: signal)   // the catch below removes the temporary folder
      }
      var suffix = 1
      while true {
        let destination = parent.appendingPathComponent(suffix == 1 ? base : "\(base)-\(suffix)")
        // rename(2) fails rather than replace a non-empty folder, so a concurrent run never merges.
        if rename(temporary.path, destination.path) == 0 { return destination.path }
        guard errno == EEXIST || errno == ENOTEMPTY, suffix < 1000 else {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
        suffix += 1
      }
    } catch {
      try? manager.removeItem(at: temporary)
      throw error
    }
  }
}

/// SIGINT and SIGTERM held back (blocked) on the calling thread while a results folder is
/// written; the worker threads that ran the replications block every signal already, so a signal
/// sent meanwhile stays pending until ``pending()`` reads it or ``restore()`` lets it act. A
/// signal that was ignored when `ccsim` started (a background job) stays ignored.
struct DeferredSignals {
  private var previous = sigset_t()

  init() {
    var held = Self.held
    pthread_sigmask(SIG_BLOCK, &held, &previous)
  }

  private static var held: sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    return set
  }

  /// The signal that arrived while held, if any.
  func pending() -> Int32? {
    var pending = sigset_t()
    sigpending(&pending)
    return [SIGINT, SIGTERM].first { sigismember(&pending, $0) == 1 }
  }

  /// Takes `signal`, pending while held, off the pending set, so that ``restore()`` does not let
  /// it act: the caller has answered it.
  func consume(_ signal: Int32) {
    var one = sigset_t()
    sigemptyset(&one)
    sigaddset(&one, signal)
    var taken: Int32 = 0
    sigwait(&one, &taken)
  }

  /// Unblocks the signals; one still pending then takes its usual action.
  func restore() {
    var previous = previous
    pthread_sigmask(SIG_SETMASK, &previous, nil)
  }
}
