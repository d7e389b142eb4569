Feature: A reporting client copies every insuree, page by page
  A national reporting system copies all insurees with their families. It asks for the first page and
  then follows the "next" link until there is none. Every current insuree must arrive exactly once;
  older versions of a changed insuree and removed insurees must not arrive at all.

  Background:
    Given district Rajo has 4 families of 3 people
    And district Sela has 3 families of 2 people
    And one person in Rajo has changed name since enrolment
    And one person in Sela has been removed

  Scenario: The reporting client walks all insurees with their families
    Given a national reporting client that may read insurees and families
    When it reads all insurees, 5 per page, with their families
    Then it receives 17 insurees in 4 pages
    And each current insuree arrives exactly once, with the current name
    And each page brings along the family of every insuree on it
