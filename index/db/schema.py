"""Tables of the library database (SQLAlchemy Core; the same on SQLite and PostgreSQL).

    reports        one row per report version (content hash): catalog fields + state
                   active | replaced | removed | pending; at most one active per report id
    documents      the parsed report (zlib-compressed JSON) and its checks, per version
    facts          every figure of every version, keyed (table, row, column)
    table_rows     the printed rows the facts were read from (label, raw source text)
    lex_docs       chunks in the lexical index (active versions only)
    lex_postings   term → chunk with its BM25 term weight
    lex_terms      document frequency of each term
    meta           counters: catalog_version, lexical statistics
    schema_migrations   versions applied (index.db.migrations)
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table,
    Text, text,
)

metadata = MetaData()

ACTIVE, REPLACED, REMOVED, PENDING = "active", "replaced", "removed", "pending"

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("applied_at", String(32), nullable=False),
)

meta = Table(
    "meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

reports = Table(
    "reports", metadata,
    Column("content_hash", String(64), primary_key=True),
    Column("report_id", Text, nullable=False),
    Column("agency", Text, nullable=False),
    Column("aliases", Text, nullable=False, default="[]"),  # JSON list
    Column("year", Integer, nullable=False),
    Column("template", String(16), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("source_name", Text, nullable=False, default=""),
    Column("format", String(16), nullable=False, default=""),
    Column("chunks", Integer, nullable=False, default=0),
    Column("failed_checks", Text, nullable=False, default="[]"),  # JSON list of details
    Column("warnings", Text, nullable=False, default="[]"),  # JSON list
    Column("ingested_at", String(32), nullable=False),
    Column("state", String(16), nullable=False),
    Column("replaced_by", String(64)),
    Column("retired_at", String(32)),
    Column("owner", String(128)),  # host:pid of a pending ingest
    Column("vectors", Boolean, nullable=False, default=False),  # chunks are in the vector store
    Column("damaged", Text, nullable=False, default=""),  # why the version cannot be read
    Index("ix_reports_state_agency_year", "state", "agency", "year"),
    Index("ix_reports_state_year", "state", "year"),
    Index("ix_reports_report_id", "report_id"),
    Index("ux_reports_one_active", "report_id", unique=True,
          sqlite_where=text("state = 'active'"), postgresql_where=text("state = 'active'")),
)

documents = Table(
    "documents", metadata,
    Column("content_hash", String(64), ForeignKey("reports.content_hash", ondelete="CASCADE"),
           primary_key=True),
    Column("body", LargeBinary, nullable=False),  # zlib(JSON of report_to_dict)
    Column("checks", LargeBinary, nullable=False),  # zlib(JSON list of checks)
)

FACTS_INDEXES = (
    # a cell across the library, with all a ranking or a sum reads (served from the index alone)
    Index("ix_facts_cell_values", "tbl", "row_key", "col_key", "content_hash", "in_report",
          "uncertain", "number"),
    # a report's facts, or a few of its cells (the rows a ranking cites)
    Index("ix_facts_report_cell", "content_hash", "tbl", "row_key", "col_key"),
)
FORMER_FACTS_INDEXES = ("ix_facts_cell", "ix_facts_report")  # replaced by migration 3

facts = Table(
    "facts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False),
    Column("tbl", String(4), nullable=False),
    Column("row_key", String(80), nullable=False),
    Column("col_key", String(40), nullable=False),
    Column("value", String(48), nullable=False),  # exact: "12", "3.50"
    Column("is_decimal", Boolean, nullable=False, default=False),
    Column("number", Float, nullable=False),  # for ordering and sums in queries
    Column("label", Text, nullable=False, default=""),
    Column("column_label", Text, nullable=False, default=""),
    Column("status", String(16), nullable=False),
    Column("unit", String(16), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Column("uncertain", Boolean, nullable=False, default=False),
    Column("page", Integer),
    Column("line", Integer),
    Column("in_report", Boolean, nullable=False, default=True),  # one of Report.facts
    Column("row_seq", Integer),  # the TableRow (table_rows.seq) it is printed in, if any
    Column("row_pos", Integer),  # its place among that row's facts
    *FACTS_INDEXES,
)

table_rows = Table(
    "table_rows", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("tbl", String(4), nullable=False),
    Column("row_key", String(80), nullable=False),
    Column("label", Text, nullable=False, default=""),
    Column("header_path", Text, nullable=False, default="[]"),
    Column("page", Integer),
    Column("line", Integer),
    Column("raw", Text, nullable=False, default=""),
    Index("ix_table_rows_report", "content_hash"),
)

lex_docs = Table(
    "lex_docs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("chunk_id", String(120), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("embed_key", String(40)),  # a row chunk's shared vector (index.rowtypes)
    Column("length", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("metadata", Text, nullable=False),  # JSON of the chunk's metadata
    Index("ix_lex_docs_report", "content_hash"),
    Index("ix_lex_docs_embed_key", "embed_key", "content_hash"),
)

lex_postings = Table(
    "lex_postings", metadata,
    Column("term", String(64), nullable=False),
    Column("doc", Integer, nullable=False),
    Column("weight", Float, nullable=False),  # tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen))
    Index("ix_lex_postings_term_doc", "term", "doc", "weight"),
    Index("ix_lex_postings_doc", "doc"),
)

lex_terms = Table(
    "lex_terms", metadata,
    Column("term", String(64), primary_key=True),
    Column("df", Integer, nullable=False),
)
