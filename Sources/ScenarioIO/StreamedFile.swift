import Foundation

/// A file written in pieces as a long computation goes (such as `ccsim run --calls`), that
/// appears at its path complete or not at all: the pieces go into a hidden temporary file in the
/// same folder (`.<name>.incomplete-<pid>`), renamed onto the path by ``commit()`` (rename(2)
/// within one folder is atomic, and replaces an older file of that name) or removed by
/// ``discard()``. As for ``ResultsFolder``, Ctrl-C or SIGTERM during the rename waits for it; a
/// crash or a signal while the pieces are written leaves at most the hidden temporary file.
///
///     let calls = try StreamedFile(path: "calls.csv", flag: "--calls")   // before the work
///     try calls.append(header)
///     try calls.append(rows)                                            // as the work goes
///     try calls.commit()                                                 // or discard() on failure
public final class StreamedFile: @unchecked Sendable {
  /// Where the file appears.
  public let path: String
  /// The temporary file beside it.
  let temporary: String
  private let handle: FileHandle
  private let flag: String
  /// The first failure of ``append(_:)``; ``commit()`` throws it.
  private var failure: InputError?
  private let lock = NSLock()

  /// Creates the temporary file at once, so that a path that cannot be written is refused before
  /// any work.
  /// - Throws: ``InputError`` for `flag` when the folder does not exist, is not a folder, or the
  ///   file cannot be made there (nothing is written).
  public init(path: String, flag: String) throws(InputError) {
    self.path = path
    self.flag = flag
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard !url.lastPathComponent.isEmpty, !path.hasSuffix("/") else {
      throw InputError(field: flag, expected: "a file path", found: "a folder: \(path)")
    }
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
      throw InputError(field: flag, expected: "a file in an existing folder", found: "no folder \(folder)")
    }
    guard isFolder.boolValue else {
      throw InputError(field: flag, expected: "a file in an existing folder", found: "not a folder: \(folder)")
    }
    var existing: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &existing), existing.boolValue {
      throw InputError(field: flag, expected: "a file path", found: "a folder: \(path)")
    }
    temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).incomplete-\(getpid())").path
    guard FileManager.default.createFile(atPath: temporary, contents: nil),
      let handle = FileHandle(forWritingAtPath: temporary) else {
      throw InputError(field: flag, expected: "a file ccsim can write", found: "a folder ccsim cannot write in: \(folder)")
    }
    self.handle = handle
  }

  /// Appends `text` as UTF-8 (safe from any thread; pieces keep the order of the calls). A failure
  /// is kept for ``commit()``.
  public func append(_ text: String) {
    lock.withLock {
      guard failure == nil else { return }
      do {
        try handle.write(contentsOf: Data(text.utf8))
      } catch {
        failure = InputError(field: flag, expected: "room to write \(path)", found: "\(error.localizedDescription)")
      }
    }
  }

  /// Closes the temporary file and renames it onto ``path``.
  /// - Throws: ``InputError`` when a piece could not be written or the rename fails (the temporary
  ///   file is then removed); ``ResultsFolder/Interrupted`` when SIGINT or SIGTERM arrived meanwhile.
  public func commit() throws {
    let signals = DeferredSignals()
    defer { signals.restore() }
    try? handle.close()
    if let failure {
      unlink(temporary)
      throw failure
    }
    if let signal = signals.pending() {
      signals.consume(signal)
      unlink(temporary)
      throw ResultsFolder.Interrupted(signal: signal)
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw InputError(field: flag, expected: "a file ccsim can write", found: "\(path): \(reason)")
    }
  }

  /// Closes and removes the temporary file: nothing appears at ``path``.
  public func discard() {
    try? handle.close()
    unlink(temporary)
  }
}
