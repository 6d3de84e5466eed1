import SimKernel
import Testing
@testable import ContactCenterModel

/// The sizes the engine's comments claim for its hot structs: a change that grows one shows up
/// here, not as a slower benchmark weeks later.
@Suite struct EngineLayoutTests {
  @Test func journeysAndTableEntriesAre48Bytes() {
    #expect(MemoryLayout<Journey>.stride == 48)
    #expect(MemoryLayout<Eligibility>.stride == 48)
  }

  @Test func aCalendarEntryIs32BytesAndAWaitingContact16() {
    #expect(MemoryLayout<ScheduledEvent<CenterEvent>>.stride == 32)
    #expect(MemoryLayout<WaitingContact>.stride == 16)
  }

  @Test func typedIdsCostNoMoreThanTheirIntegers() {
    #expect(MemoryLayout<ContactTypeID>.size == 4 && MemoryLayout<GroupID>.size == 4)
    #expect(MemoryLayout<SkillID>.size == 4 && MemoryLayout<JourneyID>.size == 4)
  }
}
