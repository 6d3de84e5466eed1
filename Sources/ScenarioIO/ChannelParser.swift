import ContactCenterModel
import Yams

/// The channel keys of the scenario format: a type's `channel`, `handledAs` and opening `backlog`;
/// a group's (or a chat type's dedicated group's) `concurrency` and `stretch`; a group's `blending`
/// (documented in `Docs/scenario-format.md`, "Channels").
extension ScenarioParser {
  static let backlogKeys = ["count", "age"]
  static let blendingKeys = ["reserve"]

  /// A type's channel and handling. `handledAs` (chat or email) is for social types only. Deferred
  /// work may not have a patience (it never abandons), and only calls take callbacks.
  static func channel(_ fields: Fields, reader: inout YAMLReader) -> (Channel, Handling)? {
    let channel = fields["channel"].map {
      reader.choice($0, fields.path("channel"), Channel.allCases.map(\.rawValue)).flatMap(Channel.init(rawValue:))
    } ?? .voice
    guard let channel else { return nil }
    var handling = channel.defaultHandling
    if let node = fields["handledAs"] {
      guard channel == .social else {
        reader.fail(at: node, fields.path("handledAs"),
                    expected: "handledAs only on a social type (voice, chat, email and ticket have a fixed handling)")
        return nil
      }
      guard let choice = reader.choice(node, fields.path("handledAs"), ["chat", "email"]) else { return nil }
      handling = choice == "chat" ? .session : .deferred
    }
    var valid = true
    if handling == .deferred, let node = fields["patience"], node.string != "none" {
      reader.fail(at: node, fields.path("patience"),
                  expected: "no patience on deferred work (\(channel.rawValue) never abandons; remove the key)")
      valid = false
    }
    if handling != .call, let node = fields["callback"] {
      reader.fail(at: node, fields.path("callback"), expected: "a callback only on a voice type", found: "channel \(channel.rawValue)")
      valid = false
    }
    return valid ? (channel, handling) : nil
  }

  /// `backlog: {count, age}`: deferred work waiting at the opening of a day study.
  static func openingBacklog(_ node: Node, _ path: String, handling: Handling, dayStudy: Bool,
                             reader: inout YAMLReader) -> OpeningBacklog? {
    guard handling == .deferred, dayStudy else {
      reader.fail(at: node, path, expected: handling == .deferred
                    ? "no opening backlog in a steady-state study (its warm-up builds one)"
                    : "an opening backlog only on deferred work (email, ticket, or social handled as email)")
      return nil
    }
    guard let fields = reader.mapping(node, path, allowed: backlogKeys) else { return nil }
    let count = reader.required(fields, "count", expected: "a whole number of waiting items from 0 to 1000000")
      .flatMap { reader.integer($0, fields.path("count"), expected: "a whole number of waiting items from 0 to 1000000",
                                in: 0...1_000_000) }
    let age = reader.required(fields, "age", expected: "the items' age at opening: a duration such as 2h, or a distribution")
      .flatMap { durationOrDistribution($0, fields.path("age"), reader: &reader) }
    guard let count, let age = age ?? nil else { return nil }
    return OpeningBacklog(count: count, age: age)
  }

  /// `concurrency` (sessions an agent may hold, 1…20) and `stretch` (one handle-time factor per
  /// level) of a group that takes sessions; where the keys do not belong, `misplaced` says where
  /// they do.
  static func concurrency(_ fields: Fields, takesSessions: Bool, misplaced: String, reader: inout YAMLReader) -> Concurrency? {
    for key in ["concurrency", "stretch"] where !takesSessions {
      if let node = fields[key] {
        reader.fail(at: node, fields.path(key), expected: "\(key) only \(misplaced)")
        return nil
      }
    }
    let expected = "a whole number of sessions an agent holds at once, from 1 to 20"
    let limit = fields["concurrency"].map { reader.integer($0, fields.path("concurrency"), expected: expected, in: 1...20) } ?? 1
    guard let limit else { return nil }
    guard let node = fields["stretch"] else { return Concurrency(limit: limit) }
    guard let items = reader.sequence(node, fields.path("stretch"), expected: "a list of \(limit) handle-time factors")
    else { return nil }
    guard items.count == limit else {
      reader.fail(at: node, fields.path("stretch"),
                  expected: "\(limit) factor\(limit == 1 ? "" : "s"), one per concurrency level (1…\(limit))",
                  found: "\(items.count)")
      return nil
    }
    let factors = items.enumerated().compactMap {
      reader.number($1, "\(fields.path("stretch"))[\($0)]", expected: "a handle-time factor > 0 and ≤ 10",
                    where: { $0 > 0 && $0 <= 10 })
    }
    return factors.count == limit ? Concurrency(limit: limit, stretch: factors) : nil
  }

  /// `blending: {reserve}` on a group that takes both real-time contacts and deferred work.
  static func blending(_ node: Node, _ path: String, skills: [Skill], types: [ContactType],
                       reader: inout YAMLReader) -> Blending?? {
    let handlings = Set(skills.map { types[$0.type].handling })
    guard handlings.contains(.deferred), handlings.count > 1 else {
      reader.fail(at: node, path, expected: "blending only in a group that takes both deferred work (email, tickets) and real-time contacts (voice, chat)")
      return nil
    }
    guard let fields = reader.mapping(node, path, allowed: blendingKeys) else { return nil }
    let reserve = fields["reserve"].map {
      reader.integer($0, fields.path("reserve"), expected: "a whole number of agents kept idle for real-time contacts, 0 to 10000",
                     in: 0...10_000)
    } ?? 0
    return reserve.map { .some(Blending(reserve: $0)) }
  }
}
