"""People, invitations to programmes and personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.permissions import access_of
from programmes.models import Membership


class UserQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> UserQuerySet:
        """People who share a programme with the reader (and the reader themself)."""
        access = access_of(user)
        if access.is_superuser:
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(pk=user.pk) | Q(memberships__programme__in=access.programme_ids)
        ).distinct()

    def search(self, query: str) -> UserQuerySet:
        query = query.strip()
        if not query:
            return self
        return self.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(username__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation__name_en__icontains=query)
            | Q(organisation__name_es__icontains=query)
            | Q(organisation__acronym__icontains=query)
        )


class HubUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A person who signs in. Their profile (organisation, preferred language) lives on this model."""

    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    workplan_digest = models.BooleanField(
        _("weekly workplan digest"),
        default=True,
        help_text=_(
            "Once a week, an e-mail of what changed in the joint workplan where your "
            "organisation works."
        ),
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = HubUserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_ci",
                violation_error_message=_("Another person already uses this e-mail address."),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


def hash_secret(raw: str) -> str:
    """Secrets (invitation links, API tokens) are kept only as a SHA-256 digest.

    They are long random strings, so a fast digest is enough; a slow password hash would only
    slow every API request.
    """
    return hashlib.sha256(raw.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(TimeStampedModel):
    """A coordinator's invitation of an e-mail address to a programme with a role.

    The link carries a random token; only its digest is stored. It works once and until it expires.
    """

    programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("programme"),
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.programme.code}"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(TimeStampedModel):
    """A personal token for the JSON API. Shown once at creation; stored as a digest; revocable."""

    PREFIX = "hub_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("begins with"), max_length=12, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def new_secret(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)
