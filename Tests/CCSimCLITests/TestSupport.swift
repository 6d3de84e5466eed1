import Foundation

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
