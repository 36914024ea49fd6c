"""Forms of the members' directory pages.

The service editor (``editor.ServiceEditor``) is one form for the service (``service``) and a
formset for each list (``rows``: locations, phones, opening hours, cost options, documents). It
works without JavaScript: each list shows one empty row, and "Add another" buttons post the form
back with one more. It validates what a person typed and hands the services a payload
(``directory.manage_payload``); the services validate the records again.
"""

from directory.manage_forms.decisions import ChangeDecisionForm, SuggestionDecisionForm
from directory.manage_forms.editor import ServiceEditor
from directory.manage_forms.rows import (
    CostOptionForm,
    LocationForm,
    PhoneForm,
    RequiredDocumentForm,
    ScheduleForm,
    formset_rows,
)
from directory.manage_forms.service import (
    ServiceFilterForm,
    ServiceForm,
    format_languages,
    parse_languages,
)

__all__ = [
    "ChangeDecisionForm",
    "CostOptionForm",
    "LocationForm",
    "PhoneForm",
    "RequiredDocumentForm",
    "ScheduleForm",
    "ServiceEditor",
    "ServiceFilterForm",
    "ServiceForm",
    "SuggestionDecisionForm",
    "format_languages",
    "formset_rows",
    "parse_languages",
]
