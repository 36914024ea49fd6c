"""Import an HSDS file into a programme's directory, all or nothing.

``hsds_import`` reads the tables of ``tabular.read`` one after the other, in the order in which
they link to each other (``tabular.TABLES``), by chunks of rows: each chunk is checked (ids,
required fields, dates, numbers, links to other records of the file or of the programme, the
models' rules) and written with a history row for every record it creates or changes, all in one
transaction. With any problem the transaction is rolled back and ``HsdsInputError`` lists them
all (up to ``MAX_PROBLEMS``), each with its file, row and field: nothing is written. Then
``directory.services.services_refresh`` recomputes the derived data of the services touched.

Idempotent on HSDS ids (our UUID primary keys; organisations by ``Organisation.hsds_id``): a
record is "unchanged" when what the export would write of it equals the file, so importing an
export changes nothing. The import adds and updates; it never deletes, and it never clears the
confidential mark of a location or phone (that is decided in the hub, not by a file).

Texts go into the import's language (``name_es`` for Spanish), leaving the other language as it
is. Things the hub does not keep (contacts, funding, programs, metadata, some columns) are left
out and said so.

Modules: ``base`` (the state of an import, reading rows), ``records`` (comparing, checking and
writing records), ``taxonomies``, ``organisations``, ``directory`` (services, locations and what
hangs from them), ``attributes``, and ``run`` (the order of it all).
"""

from directory.hsds.importer.base import MAX_PROBLEMS
from directory.hsds.importer.run import ImportReport, hsds_import

__all__ = ["MAX_PROBLEMS", "ImportReport", "hsds_import"]
