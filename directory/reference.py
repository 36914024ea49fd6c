"""Fixed identifiers of the directory's reference data, the same in every installation.

UUIDs are derived from the codes (uuid5), so an HSDS file from one hub names the same taxonomy
terms as another's.
"""

import uuid

NAMESPACE = uuid.UUID("6f1d1f8e-8a53-5a8e-9a53-5b0c7d2e5f10")

ESP_CODE = "esp"  # UN Essential Services Package for women and girls subject to violence
HUB_CODE = "spotlight-hub"  # the hub's own terms, such as "confidential"
CONFIDENTIAL = "confidential"


def taxonomy_id(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"taxonomy:{code}")


def term_id(taxonomy_code: str, term_code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"term:{taxonomy_code}:{term_code}")
