"""`meta.feedback` of `POST /api/claims/<id>/feedback` with `"action": "deliver"`: the feedback form's answers
as legacy.services.claims.feedback.Answers. The officer is named by its `officers` id (UUID) and must be one
the caller may read; a name it may not read is answered like an unknown one."""

import datetime

from legacy.services.claims.feedback import Answers

from .. import selectors
from ..errors import DocumentError

FLAGS = {
    "careRendered": "care_rendered",
    "paymentAsked": "payment_asked",
    "drugPrescribed": "drug_prescribed",
    "drugReceived": "drug_received",
}
FEEDBACK_SCHEMA = {
    "type": "object",
    "required": ["officer"],
    "properties": {
        "officer": {"type": "string", "description": "id of an officers resource"},
        **{name: {"type": "boolean", "nullable": True} for name in FLAGS},
        "assessment": {"type": "integer", "minimum": 0, "maximum": 255, "nullable": True},
        "feedbackDate": {"type": "string", "format": "date", "nullable": True},
    },
}


def answers(meta, site, user):
    feedback = meta.get("feedback")
    if not isinstance(feedback, dict):
        raise DocumentError([("/meta/feedback", "Must be an object with the feedback's answers and officer.")])
    problems, values = [], {}
    for name, column in FLAGS.items():
        value = feedback.get(name)
        if value is not None and not isinstance(value, bool):
            problems.append((f"/meta/feedback/{name}", "Must be true, false or null."))
        values[column] = value
    assessment = feedback.get("assessment")
    if assessment is not None and (type(assessment) is not int or not 0 <= assessment <= 255):
        problems.append(("/meta/feedback/assessment", "Must be an integer between 0 and 255."))
    values["assessment"] = assessment
    values["feedback_date"] = _date(feedback.get("feedbackDate"), problems)
    officer = feedback.get("officer")
    officers = selectors.rows(site.resources["officers"], user)
    found = selectors.by_id(officers, site.resources["officers"], officer).first() if isinstance(officer, str) else None
    if found is None:
        problems.append(("/meta/feedback/officer", f"No officers with id {officer!r} that you may name here."))
    if problems:
        raise DocumentError(problems)
    return Answers(officer_id=found.pk, **values)


def _date(value, problems):
    if value is None:
        return None
    try:
        return datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time())
    except (TypeError, ValueError):
        problems.append(("/meta/feedback/feedbackDate", "Must be a date (YYYY-MM-DD)."))
        return None
