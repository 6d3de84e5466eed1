#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of a text file, read one at a time with C's `getline`, so memory follows the longest
/// line, not the file (a call log of millions of rows streams through). Foundation offers no
/// line-by-line file reader on Linux, which is why this is written by hand over the C library.
///
///     let lines = try LineReader(path: "calls.csv")
///     while let (number, line) = lines.next() { … }   // 1-based numbers, without the line break
final class LineReader {
  private let file: UnsafeMutablePointer<FILE>
  private var buffer: UnsafeMutablePointer<CChar>?
  private var capacity = 0
  private(set) var number = 0

  /// Opens `path` for reading; `nil` if it cannot be opened (missing, a folder, no permission).
  init?(path: String) {
    guard let file = fopen(path, "r") else { return nil }
    // A folder opens on Linux but cannot be read: refuse it here.
    var status = stat()
    guard fstat(fileno(file), &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR else {
      fclose(file)
      return nil
    }
    self.file = file
  }

  deinit {
    free(buffer)
    fclose(file)
  }

  /// The next line (its 1-based number, and its text without `\n` or `\r\n`), or `nil` at the end.
  /// Bytes that are not UTF-8 are replaced (U+FFFD), so a binary file reads as malformed rows.
  func next() -> (number: Int, text: Substring)? {
    let count = getline(&buffer, &capacity, file)
    guard count >= 0, let buffer else { return nil }
    number += 1
    var length = count
    while length > 0, buffer[length - 1] == 10 || buffer[length - 1] == 13 { length -= 1 }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: length)
    return (number, Substring(String(decoding: bytes, as: UTF8.self)))
  }
}
