"""The store's stories: membership, views (JSON documents per story) and the profiles kept between runs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from telusur.store.base import StoreBase


class StoryStore(StoreBase):
    """Stories: membership, each story's stored views, and the article profiles grouping reads."""

    def story_members(self) -> dict[str, str]:
        """Return article id -> story id for every article given a story."""
        return dict(self.conn.execute("SELECT article_id, story_id FROM story_members"))

    def replace_stories(self, members: dict[str, str], views: dict[str, dict[str, object]],
                        keep_views_of: Iterable[str] = ()) -> None:
        """Replace story membership, and the views but those of the stories in ``keep_views_of``.

        ``views[story][kind]`` is JSON-able; call inside ``transaction``.
        """
        self.conn.execute("DELETE FROM story_members")
        kept = sorted(set(keep_views_of))
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS kept_stories (story_id TEXT PRIMARY KEY)")
        self.conn.execute("DELETE FROM kept_stories")
        self.conn.executemany("INSERT INTO kept_stories VALUES (?)", ((k,) for k in kept))
        self.conn.execute("DELETE FROM story_views WHERE story_id NOT IN (SELECT story_id FROM kept_stories)")
        self.conn.executemany("INSERT INTO story_members (article_id, story_id) VALUES (?,?)", sorted(members.items()))
        self.conn.executemany("INSERT INTO story_views (story_id, kind, data) VALUES (?,?,?)", [
            (sid, kind, json.dumps(data, ensure_ascii=False)) for sid, kinds in sorted(views.items())
            for kind, data in sorted(kinds.items())])

    def story_ids(self) -> list[str]:
        """Return the ids of the stored stories, largest first, then by id."""
        return [r[0] for r in self.conn.execute(
            "SELECT story_id FROM story_members GROUP BY story_id ORDER BY COUNT(*) DESC, story_id")]

    def story_view(self, story_id: str, kind: str) -> object | None:
        """Return one stored view of a story ("story", "events", "timeline", "claims", "summary"), or None."""
        row = self.conn.execute("SELECT data FROM story_views WHERE story_id=? AND kind=?", (story_id, kind)).fetchone()
        return json.loads(row[0]) if row else None

    def stale_profiles(self) -> list[str]:
        """Return the ids of articles whose story profile is missing or older than the article (call inside ``transaction``)."""
        return self._stale("story_profiles")

    def put_story_profiles(self, rows: Iterable[tuple[str, str | None, str]]) -> None:
        """Store ``(article id, day, features JSON)`` stamped with the article's updated_run."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_profiles (article_id, updated_run, day, features)"
            " SELECT ?, updated_run, ?, ? FROM articles WHERE id = ?", ((i, day, f, i) for i, day, f in rows))

    def story_profiles(self) -> Iterator[tuple[str, str | None, str]]:
        """Yield ``(article id, day, features JSON)`` of every stored article's story profile."""
        yield from self.conn.execute("SELECT article_id, day, features FROM story_profiles ORDER BY article_id")
