"""Open Referral HSDS 3.0 interchange for the service directory.

- ``serialize``: our records as HSDS objects, in one language, without what the reader may not
  see. The one place that decides what an HSDS object holds: the API, the export and the
  import's comparison all use it.
- ``tabular``: the tabular form (CSV files with a ``datapackage.json``): reading a directory, a
  zip or a JSON file; writing a programme's export.
- ``importer``: validating a whole HSDS file and writing it into a programme, all or nothing.
- ``api``: the HSDS API of each programme, under ``/api/hsds/{programme_code}/``.
"""

HSDS_VERSION = "3.0"
