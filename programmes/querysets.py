"""Read selectors for programme records. Which rows a user may read is decided in core.permissions."""

from __future__ import annotations

from typing import Any

from django.db import models

from core.permissions import access_of, visible_q


class ProgrammeQuerySet(models.QuerySet):
    def active(self) -> ProgrammeQuerySet:
        return self.filter(is_active=True)

    def visible_to(self, user: Any) -> ProgrammeQuerySet:
        """A programme's name, country and languages are public; its space is for members."""
        if access_of(user).is_superuser:
            return self.all()
        return self.active()

    def of_member(self, user: Any) -> ProgrammeQuerySet:
        access = access_of(user)
        if access.is_superuser:
            return self.all()
        return self.filter(pk__in=access.programme_ids)


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MembershipQuerySet:
        """Members see who else belongs to their programmes; nobody else does."""
        access = access_of(user)
        if access.is_superuser:
            return self.all()
        return self.filter(programme__in=access.programme_ids)


class AreaQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AreaQuerySet:
        return self.filter(visible_q(user))


class GovernmentPriorityQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> GovernmentPriorityQuerySet:
        return self.filter(visible_q(user))
