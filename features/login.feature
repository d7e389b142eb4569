Feature: Logging in with a legacy account
  People who use the legacy openIMIS application log in to the API with the same login name and
  password; the API gives them an access token. A wrong password is refused without saying what was
  wrong, so nobody can find out which login names exist.

  Background:
    Given Amina is a clerk of district Rajo whose password is "Rajo-2024"

  Scenario: A clerk logs in with her legacy password
    When Amina logs in with the password "Rajo-2024"
    Then she receives an access token
    And with it the API knows her as a clerk of district Rajo

  Scenario: A wrong password is refused without saying why
    When Amina logs in with the password "rajo-2024"
    Then she is refused
    And the refusal reads exactly like the one for a login name that does not exist
    And she receives no access token
