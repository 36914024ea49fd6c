"""Load the demo installation. Idempotent: running it again updates the same records."""

from collections.abc import Callable

from django.db import transaction

from accounts.models import User
from demo import data
from organisations.models import Organisation
from programmes.models import Area, GovernmentPriority, Membership, Programme


def demo_load(*, report: Callable[[str], None] = lambda line: None) -> list[tuple[str, str, str]]:
    """Create or refresh the demo records. Returns the demo logins as (username, programme, role)."""
    with transaction.atomic():
        programmes = {}
        for values in data.PROGRAMMES:
            values = dict(values)
            code = values.pop("code")
            programme, _created = Programme.objects.update_or_create(
                code=code, defaults={**values, "name": values["name_en"], "region": "lac"}
            )
            programmes[code] = programme
        report(f"{len(programmes)} programmes")

        organisations = {}
        for key, name_en, name_es, acronym, kind, iati, codes, visibility in data.ORGANISATIONS:
            lookup = {"iati_identifier": iati} if iati else {"name_en": name_en}
            organisation, _created = Organisation.objects.update_or_create(
                **lookup,
                defaults={
                    "name": name_en,
                    "name_en": name_en,
                    "name_es": name_es,
                    "acronym": acronym,
                    "type": kind,
                    "iati_identifier": iati,
                    "visibility": visibility,
                },
            )
            organisation.programmes.add(*(programmes[code] for code in codes))
            organisations[key] = organisation
        report(f"{len(organisations)} organisations")

        areas: dict[str, Area] = {}
        for code, key, parent, level, name_en, name_es, area_code, lat, lon in data.AREAS:
            programme = programmes[code]
            area, _created = Area.objects.update_or_create(
                programme=programme,
                name_en=name_en,
                level=level,
                defaults={
                    "name": name_en,
                    "name_es": name_es,
                    "code": area_code,
                    "parent": areas[parent] if parent else None,
                    "latitude": lat,
                    "longitude": lon,
                },
            )
            areas[key] = area
        report(f"{len(areas)} areas")

        priorities: dict[tuple[str, str], GovernmentPriority] = {}
        for code, framework, priority_code, title_en, title_es, parent in data.PRIORITIES:
            priority, _created = GovernmentPriority.objects.update_or_create(
                programme=programmes[code],
                framework=framework,
                code=priority_code,
                defaults={
                    "title": title_en,
                    "title_en": title_en,
                    "title_es": title_es,
                    "parent": priorities[(code, parent)] if parent else None,
                },
            )
            priorities[(code, priority_code)] = priority
        report(f"{len(priorities)} government priorities")

        from demo.directory import demo_directory_load

        services = sum(demo_directory_load(programme) for programme in programmes.values())
        report(f"{services} directory services")

        logins = []
        for username, first, last, org_key, code, role, language in data.USERS:
            user, created = User.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@demo.spotlight.invalid",
                    "organisation": organisations[org_key],
                    "preferred_language": language,
                    "is_active": True,
                },
            )
            if created or not user.check_password(data.PASSWORD):
                user.set_password(data.PASSWORD)
                user.save(update_fields=["password"])
            Membership.objects.update_or_create(
                user=user, programme=programmes[code], defaults={"role": role}
            )
            logins.append((username, code, role))

        admin, created = User.objects.update_or_create(
            username="admin",
            defaults={
                "first_name": "Hub",
                "last_name": "Administrator",
                "is_staff": True,
                "is_superuser": True,
                "email": "admin@demo.spotlight.invalid",
            },
        )
        if created or not admin.check_password(data.PASSWORD):
            admin.set_password(data.PASSWORD)
            admin.save(update_fields=["password"])
        logins.append(("admin", "*", "superuser"))
    return logins
