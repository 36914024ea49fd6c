"""Writes for accounts: invitations and API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import ApiToken, Invitation, User, hash_secret
from organisations.models import Organisation
from programmes.models import Membership, Programme
from programmes.services import membership_set


def invitation_create(
    *,
    programme: Programme,
    email: str,
    role: str,
    invited_by: User,
    organisation: Organisation | None = None,
    base_url: str,
) -> tuple[Invitation, str]:
    """Invite an address to a programme and e-mail it the link. Returns (invitation, link).

    The e-mail is written in the programme's default language, since the invitee has no
    preference yet. An earlier pending invitation of the same address to the same programme is
    withdrawn, so only the newest link works.
    """
    email = email.strip()
    if Membership.objects.filter(programme=programme, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of the programme.")})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Invitation.objects.pending().filter(programme=programme, email__iexact=email).update(
            revoked_at=timezone.now()
        )
        invitation = Invitation(
            programme=programme,
            email=email,
            role=role,
            organisation=organisation,
            token_hash=hash_secret(token),
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        invitation.full_clean()
        invitation.save()
        language = programme.default_language
        with translation.override(language):
            link = base_url.rstrip("/") + reverse("accounts:invitation_accept", args=[token])
            context = {
                "invitation": invitation,
                "link": link,
                "days": settings.INVITATION_VALID_DAYS,
            }
            subject = _(
                "Invitation to the %(programme)s programme on the Spotlight Coordination Hub"
            ) % {"programme": programme.name}
            body = render_to_string("accounts/email/invitation.txt", context)
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
        )
    return invitation, link


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("programme", "organisation")
        .filter(token_hash=hash_secret(token))
        .first()
    )


def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Use the invitation once: give the person the role and mark the link spent."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable:
            raise ValidationError(_("This invitation has expired or has already been used."))
        membership = membership_set(user=user, programme=locked.programme, role=locked.role)
        if locked.organisation_id and user.organisation_id is None:
            user.organisation_id = locked.organisation_id
            user.save(update_fields=["organisation"])
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return membership


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated_at"])


def user_create_from_invitation(
    *, invitation: Invitation, username: str, first_name: str, last_name: str, password: str
) -> User:
    with transaction.atomic():
        user = User(
            username=username,
            email=invitation.email,
            first_name=first_name,
            last_name=last_name,
            organisation=invitation.organisation,
            preferred_language=invitation.programme.default_language,
        )
        user.set_password(password)
        user.full_clean()
        user.save()
        invitation_accept(invitation=invitation, user=user)
    return user


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is shown once and never stored."""
    secret = ApiToken.new_secret()
    token = ApiToken(user=user, name=name.strip(), token_hash=hash_secret(secret), hint=secret[:8])
    token.full_clean()
    token.save()
    return token, secret


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])


def api_token_user(secret: str) -> User | None:
    """The active user a token secret belongs to, or None. Records when it was last used."""
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=hash_secret(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write at most once a minute per token so that busy clients do not turn reads into writes.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_settings_update(*, user: User, preferred_language: str, workplan_digest: bool) -> User:
    """Change a person's own settings: the language of mail to them, the weekly digest."""
    user.preferred_language = preferred_language
    user.workplan_digest = workplan_digest
    user.full_clean(exclude=["password"])
    user.save(update_fields=["preferred_language", "workplan_digest"])
    return user
