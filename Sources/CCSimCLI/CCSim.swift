import ArgumentParser
import ContactCenterModel
import Foundation
import ScenarioIO

/// The `ccsim` command line. Bad input of any kind — a malformed flag value, an unknown option, a
/// target no staffing can meet — prints one line naming the flag and what is expected, and exits
/// with status 2.
public struct CCSim: ParsableCommand {
  public static let version = "0.1.0"

  public static let configuration = CommandConfiguration(
    commandName: "ccsim",
    abstract: "ContactCenterSim: contact-centre analytics, simulation and workforce planning.",
    version: version,
    subcommands: [Run.self, Staff.self, Compare.self, Sweep.self, Merge.self, Validate.self, Erlang.self, Fit.self])

  public init() {}

  /// Status for bad input (flags or files).
  public static let badInputStatus: Int32 = 2
  /// Status for a scenario that overloads the centre (``ContactCenterModel/CentreOverload``):
  /// the run stopped and nothing was written.
  public static let overloadStatus: Int32 = 3

  /// Runs the command line, mapping every input error to one line on standard error and status 2.
  public static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as InputError {
      fail(error.description)
    } catch let interrupted as ResultsFolder.Interrupted {
      Foundation.exit(128 + interrupted.signal)   // as the signal would have: 130 for Ctrl-C, 143 for SIGTERM
    } catch let overload as CentreOverload {
      FileHandle.standardError.write(Data("ccsim: error: \(overload)\n".utf8))
      Foundation.exit(overloadStatus)
    } catch let error as CallLogError {
      FileHandle.standardError.write(Data((error.description + "\n").utf8))
      Foundation.exit(badInputStatus)
    } catch let errors as ScenarioErrors {
      // Each line already names file:line:column and says "error:".
      FileHandle.standardError.write(Data((errors.description + "\n").utf8))
      Foundation.exit(badInputStatus)
    } catch {
      if exitCode(for: error) == .validationFailure {
        var message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "invalid input"
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        if message.hasPrefix("Missing value for") { message += " (write a negative value as --flag=-3)" }
        fail(message)
      }
      exit(withError: error)
    }
  }

  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ccsim: error: \(message)\n".utf8))
    Foundation.exit(badInputStatus)
  }
}
