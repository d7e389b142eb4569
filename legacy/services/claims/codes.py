"""Claim, line, review and feedback codes of the legacy database (legacy-schema.md §4)."""

# tblClaim.ClaimStatus
REJECTED, ENTERED, CHECKED, PROCESSED, VALUATED = 1, 2, 4, 8, 16
# ClaimItemStatus / ClaimServiceStatus
PASSED, LINE_REJECTED = 1, 2
# ReviewStatus / FeedbackStatus
IDLE, NOT_SELECTED, SELECTED, DELIVERED, BYPASSED = 1, 2, 4, 8, 16

# RejectionReason of a line (uspSubmitSingleClaim's header comment)
NOT_IN_REGISTERS = 1
NOT_IN_PRICE_LIST = 2
NOT_COVERED = 3
PATIENT_CATEGORY = 4
FREQUENCY = 5
NO_FAMILY = 7
NO_TARGET_DATE = 9
CARE_TYPE = 10
MAX_HOSPITAL_ADMISSIONS = 11
MAX_VISITS = 12
MAX_CONSULTATIONS = 13
MAX_SURGERIES = 14
MAX_DELIVERIES = 15
MAX_QUANTITY = 16
WAITING_PERIOD = 17
MAX_ANTENATAL = 19
BY_REVIEWER = -1
