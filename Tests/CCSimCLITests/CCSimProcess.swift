import Foundation
import TestSupport

/// `ccsim arguments` as a child process, given up to `seconds` to finish (then killed): its exit
/// status (nil when it had to be killed; 128 + the signal when a signal ended it, as a shell reports
/// a trap) and standard error.
func ccsim(_ arguments: [String], seconds: Double = 60) throws -> (status: Int32?, stderr: String) {
  let ending = try builtProgram("ccsim", arguments, seconds: seconds)
  return (ending.status, ending.stderr)
}
