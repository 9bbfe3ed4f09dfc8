"""Initial store: articles, events, event_sources, actors, places, full-text indexes.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text), sa.Column("title", sa.Text), sa.Column("source", sa.Text),
        sa.Column("published", sa.String(10)), sa.Column("language", sa.String(8)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_date", sa.String(10), index=True), sa.Column("time_precision", sa.Integer),
        sa.Column("event_type", sa.String(40), index=True), sa.Column("sub_event_type", sa.String(60), index=True),
        sa.Column("actor1", sa.Text), sa.Column("assoc_actor_1", sa.Text), sa.Column("inter1", sa.Integer),
        sa.Column("actor2", sa.Text), sa.Column("assoc_actor_2", sa.Text), sa.Column("inter2", sa.Integer),
        sa.Column("interaction", sa.Integer),
        sa.Column("country", sa.Text), sa.Column("country_code", sa.String(2), index=True),
        sa.Column("admin1", sa.Text, index=True), sa.Column("admin2", sa.Text), sa.Column("admin3", sa.Text),
        sa.Column("location", sa.Text),
        sa.Column("latitude", sa.Float), sa.Column("longitude", sa.Float), sa.Column("geo_precision", sa.Integer),
        sa.Column("fatalities", sa.Integer), sa.Column("fatalities_low", sa.Integer),
        sa.Column("fatalities_high", sa.Integer),
        sa.Column("injured", sa.Integer), sa.Column("displaced", sa.Integer), sa.Column("detained", sa.Integer),
        sa.Column("origin", sa.Text), sa.Column("destination", sa.Text),
        sa.Column("contested", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("notes", sa.Text), sa.Column("confidence", sa.Float),
        sa.Column("n_sources", sa.Integer, nullable=False, server_default="1"),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "event_sources",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("rank", sa.Integer, primary_key=True),
        sa.Column("fatalities", sa.Integer),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("event_sources_article", "event_sources", ["article_id"])
    op.create_table(
        "actors",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("inter", sa.Integer), sa.Column("country_code", sa.String(2)),
    )
    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False), sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.Text), sa.Column("admin2", sa.Text),
        sa.Column("latitude", sa.Float), sa.Column("longitude", sa.Float), sa.Column("geo_precision", sa.Integer),
        sa.UniqueConstraint("name", "latitude", "longitude", name="places_name_point"),
    )
    if op.get_bind().dialect.name == "sqlite":
        # Full text: FTS5 tables kept in step by the store's own writes (same transaction).
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text)")
        op.execute("CREATE VIRTUAL TABLE events_fts USING fts5(event_id UNINDEXED, notes, sources)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE events_fts")
        op.execute("DROP TABLE articles_fts")
    for t in ("places", "actors", "event_sources", "events", "articles"):
        op.drop_table(t)
