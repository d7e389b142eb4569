Feature: A facility enters and submits a claim, and a medical officer reviews it
  A health facility's clerk (a claim administrator: the legacy user is bound to her facility) enters a
  claim for an insured patient with an item and a service, then submits it. The submission runs the
  legacy database's own checks (uspSubmitSingleClaim) on every line: a line that passes keeps status 1,
  a failing one gets status 2 and the legacy rejection reason; the claim becomes "checked" (4) when a
  line passes. A medical officer of the district then selects the claim for review and records the
  review: an approved price for the service and the item rejected by her (reason -1), and processes it:
  the legacy price adjudication (uspProcessSingleClaimStep1/2) pays the approved price of the service, and
  the claim is valuated (16) since no line has a relative price.

  Background:
    Given district Rajo has a health facility with an insured patient
    And Neema is the claim administrator of that facility
    And Baraka is a medical officer of district Rajo

  Scenario: Entering, submitting and reviewing a claim
    When Neema enters claim "RJ0001" for the patient with the covered item and service
    Then the claim is entered with status 2 and her UserID as AuditUserID
    When she submits the claim
    Then the claim is checked (status 4) and both lines passed
    When Baraka selects the claim for review
    And he approves the service at 8.00 and rejects the item
    Then the claim's review is delivered (8) with the item rejected by the reviewer and 8.00 approved
    When Baraka processes the claim
    Then the claim is valuated (16) and the service is remunerated 8.00, the item nothing

  Scenario: A clerk cannot submit another facility's claim
    Given another facility of district Rajo has an entered claim
    When Neema submits that claim
    Then she is told there is no such claim, and it stays entered
