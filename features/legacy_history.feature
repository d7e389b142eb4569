Feature: Changes through the API keep the legacy history
  The legacy application keeps every old version of a row: before changing a row it copies it (new id,
  new UUID, the old ValidityFrom and AuditUserID, ValidityTo = the moment of the change, LegacyID = the
  row's id), then changes the row in place (ValidityFrom = now, AuditUserID = who changed it). A change
  made through the API must leave the same trail, so the legacy screens show a correct history. A client
  that changes a row someone else changed since it read it is refused, and nothing is written.

  Background:
    Given district Rajo has 2 families of 2 people
    And Amina is a clerk of district Rajo who may change insurees

  Scenario: Changing an insuree keeps the legacy history
    When she reads a family member in Rajo
    And she changes the member's phone to "+255 700 000 111"
    Then the change is accepted with a new version tag
    And the member keeps its id and UUID, with the new phone, ValidityFrom the change time and her UserID as AuditUserID
    And the member's history holds the old version as the legacy application writes it
    And the history endpoint lists that old version

  Scenario: A stale change is refused
    When she reads a family member in Rajo
    And the legacy application changes the member's email meanwhile
    And she changes the member's phone to "+255 700 000 222"
    Then she is refused because the member changed since she read it
    And the member still has the legacy application's version, with no new history row
