"""Organisations between IATI and the hub: their types, and finding (or adding) those a file names.

An organisation named in a file is found by its IATI identifier (``ref``) among all the hub's
organisations, else by its exact name among the programme's organisations; otherwise it is
created, with the file's names, ref and type, and it joins the programme. An organisation found
by ref that does not yet work in the programme joins it too. Every creation and every joining
is reported, and like everything else rolled back unless the whole file imports.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from organisations.models import Organisation
from organisations.services import organisation_create, organisation_update
from programmes.models import Programme
from workplan.iati.reading import OrgMention

Type = Organisation.Type

# IATI OrganisationType → ours. Types not listed (90 other, codes to come) become implementing
# partners, the broadest of ours.
FROM_IATI: dict[str, str] = {
    "10": Type.GOVERNMENT,
    "11": Type.GOVERNMENT,
    "15": Type.GOVERNMENT,
    "21": Type.CIVIL_SOCIETY,
    "22": Type.CIVIL_SOCIETY,
    "23": Type.CIVIL_SOCIETY,
    "24": Type.CIVIL_SOCIETY,
    "30": Type.PRIVATE_SECTOR,
    "40": Type.UN_AGENCY,
    "60": Type.DONOR,
    "70": Type.PRIVATE_SECTOR,
    "71": Type.PRIVATE_SECTOR,
    "72": Type.PRIVATE_SECTOR,
    "73": Type.PRIVATE_SECTOR,
    "80": Type.ACADEMIA,
}
# Ours → IATI. "Donor / EU" and "implementing partner" span several IATI types (a government,
# a multilateral, a foundation; an NGO, a company…): they are written as 90, "other".
TO_IATI: dict[str, str] = {
    Type.UN_AGENCY: "40",
    Type.GOVERNMENT: "10",
    Type.CIVIL_SOCIETY: "22",
    Type.ACADEMIA: "80",
    Type.PRIVATE_SECTOR: "70",
}
OTHER = "90"


class OrganisationError(Exception):
    """The organisation a file names cannot be found nor created; the message says why."""


class OrganisationFinder:
    def __init__(self, programme: Programme) -> None:
        self.programme = programme
        self.created = 0
        self.joined = 0
        self.notes: list[str] = []

    def find(self, mention: OrgMention) -> Organisation:
        if mention.ref:
            organisation = Organisation.objects.filter(iati_identifier=mention.ref).first()
            if organisation is not None:
                self._join(organisation)
                return organisation
        names = list(dict.fromkeys([*mention.names.values(), *mention.all_names]))
        names = [name for name in names if name]
        if names:
            candidates = self.programme.organisations.filter(
                Q(name_en__in=names) | Q(name_es__in=names)
            )
            if mention.ref:
                # One with another ref is another organisation, whatever its name.
                candidates = candidates.filter(iati_identifier="")
            found = list(candidates.distinct()[:2])
            if len(found) > 1:
                raise OrganisationError(
                    _(
                        "Several organisations of the programme are named “%(name)s”; give the "
                        "organisation its IATI identifier (ref) in the hub and in the file."
                    )
                    % {"name": names[0]}
                )
            if found:
                return found[0]
        return self._create(mention, names)

    def _join(self, organisation: Organisation) -> None:
        if organisation.programmes.filter(pk=self.programme.pk).exists():
            return
        organisation_update(
            organisation=organisation,
            data={"programmes": [*organisation.programmes.all(), self.programme]},
        )
        self.joined += 1
        self.notes.append(
            _("%(organisation)s now works in %(programme)s.")
            % {"organisation": organisation, "programme": self.programme.code}
        )

    def _create(self, mention: OrgMention, names: list[str]) -> Organisation:
        name_en = mention.names.get("en", "")
        name_es = mention.names.get("es", "")
        if not (name_en or name_es):
            name_en = names[0] if names else mention.ref
        try:
            organisation = organisation_create(
                programmes=[self.programme],
                name_en=name_en[:255],
                name_es=name_es[:255],
                type=FROM_IATI.get(mention.type, Type.IMPLEMENTING_PARTNER),
                iati_identifier=mention.ref,
            )
        except ValidationError as error:
            raise OrganisationError(" ".join(error.messages)) from error
        self.created += 1
        self.notes.append(
            _("New organisation: %(organisation)s, %(type)s, IATI identifier “%(ref)s”.")
            % {
                "organisation": organisation,
                "type": organisation.get_type_display(),
                "ref": organisation.iati_identifier or "–",
            }
        )
        return organisation


def iati_type(organisation: Organisation) -> str:
    return TO_IATI.get(organisation.type, OTHER)
