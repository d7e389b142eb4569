Feature: Each person sees the families of their own district
  A district clerk works on the families of her district only; an administrator sees the families of
  every district. A clerk needs the right to read families, whatever her district.
  (Families live in villages; a village belongs to a ward, and the ward to a district.)

  Background:
    Given district Rajo has 3 families
    And district Sela has 2 families

  Scenario: A district clerk sees only the families of her district
    Given Amina is a clerk of district Rajo who may read families
    When she lists the families
    Then she sees 3 families, all in Rajo

  Scenario: An administrator sees the families of every district
    Given Bello is an administrator
    When he lists the families
    Then he sees 5 families: 3 in Rajo and 2 in Sela

  Scenario: A clerk without the right to read families is refused
    Given Chidi is a clerk of district Rajo who may read insurees
    When he lists the families
    Then he is refused for lack of rights
    And he sees no family
