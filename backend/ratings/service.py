"""Ratings (好差评): a finished application is rated once, online or at the window; a rating of
2 or less opens a follow-up the county calls back within 1 working day and rectifies within 15,
after which the citizen may rate once more (追评); the public sees each matter's, department's
and county's anonymous satisfaction (docs/adr/0019-rating-follow-up-loop.md).

The public surface of the domain: other domains and the API import only this module."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from backend.ratings.giving import BAD as BAD
from backend.ratings.giving import TAGS as TAGS
from backend.ratings.giving import rate as rate
from backend.ratings.giving import rate_at_window as rate_at_window
from backend.ratings.loop import METHODS as METHODS
from backend.ratings.loop import RE_RATING_DAYS as RE_RATING_DAYS
from backend.ratings.loop import STATES as STATES
from backend.ratings.loop import answer as answer
from backend.ratings.loop import follow_ups_in as follow_ups_in
from backend.ratings.loop import follow_ups_of as follow_ups_of
from backend.ratings.loop import late as late
from backend.ratings.loop import open_follow_ups as open_follow_ups
from backend.ratings.loop import re_rate as re_rate
from backend.ratings.loop import record_callback as record_callback
from backend.ratings.loop import record_rectification as record_rectification
from backend.ratings.loop import state_of as state_of
from backend.ratings.models import FollowUp as FollowUp
from backend.ratings.models import Rating as Rating
from backend.ratings.problems import RatingProblem as RatingProblem
from backend.ratings.problems import no_such_application as no_such_application
from backend.ratings.problems import no_such_follow_up as no_such_follow_up
from backend.ratings.scores import MINIMUM as MINIMUM
from backend.ratings.scores import Satisfaction as Satisfaction
from backend.ratings.scores import satisfaction as satisfaction
from backend.ratings.sweeping import FOLLOW_UP_DAYS as FOLLOW_UP_DAYS
from backend.ratings.sweeping import close_without_re_rating as close_without_re_rating
from backend.ratings.sweeping import escalate_overdue as escalate_overdue
from backend.ratings.sweeping import recount_follow_ups as recount_follow_ups


async def ratings_of(application_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Rating]:
    """The ratings of those of several applications that have one, in one statement."""
    return {
        r.application_id: r for r in await Rating.filter(application_id__in=list(application_ids))
    }
