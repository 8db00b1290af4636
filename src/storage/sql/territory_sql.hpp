#pragma once
// Named SQL of administrative units and successions. Same text on SQLite and PostgreSQL.

#include <string_view>

namespace danvan::sql {


inline constexpr std::string_view kInsertUnit = R"~(
INSERT INTO admin_units (code, name, level, kind, parent_id, valid_from, valid_to, name_folded, name_sort,
                         created_at, updated_at)
VALUES (:code, :name, :level, :kind, :parent_id, :valid_from, :valid_to, :name_folded, :name_sort, :at, :at2)
RETURNING id)~";

inline constexpr std::string_view kSelectUnit = R"~(
SELECT id, code, name, level, kind, parent_id, valid_from, valid_to, created_at, updated_at
FROM admin_units WHERE id = :id)~";

inline constexpr std::string_view kSelectUnitByName = R"~(
SELECT id, code, name, level, kind, parent_id, valid_from, valid_to, created_at, updated_at
FROM admin_units
WHERE name = :name AND (parent_id = :parent_id OR (CAST(:parent_id2 AS BIGINT) IS NULL AND parent_id IS NULL))
ORDER BY valid_from DESC LIMIT 1)~";

// Any number of ids in one query: the list travels as one text parameter "1,2,3".
inline constexpr std::string_view kSelectUnitsByIdsSqlite = R"~(
SELECT id, code, name, level, kind, parent_id, valid_from, valid_to, created_at, updated_at
FROM admin_units WHERE id IN (SELECT value FROM json_each('[' || :ids || ']')))~";

inline constexpr std::string_view kSelectUnitsByIdsPostgres = R"~(
SELECT id, code, name, level, kind, parent_id, valid_from, valid_to, created_at, updated_at
FROM admin_units WHERE id = ANY (string_to_array(:ids, ',')::BIGINT[]))~";

inline constexpr std::string_view kSelectAncestry = R"~(
WITH RECURSIVE up (id, parent_id, depth) AS (
  SELECT id, parent_id, 0 FROM admin_units WHERE id = :id
  UNION ALL
  SELECT u.id, u.parent_id, up.depth + 1 FROM admin_units u JOIN up ON u.id = up.parent_id WHERE up.depth < 16
)
SELECT id FROM up ORDER BY depth)~";

// A unit, its parent and its grandparent: three levels are all there are (domain/territory: a parent
// is at a higher level), so three primary-key look-ups in one statement do what a recursive query did at a
// third of SQLite's cost (docs/performance.md, fourth round). No ORDER BY: SQLite would build a sorter for
// three rows; the caller puts them in order by the last column, depth.
inline constexpr std::string_view kSelectUnitWithAncestors = R"~(
SELECT id, code, name, level, kind, parent_id, valid_from, valid_to, created_at, updated_at, 0 AS depth
FROM admin_units WHERE id = :id
UNION ALL
SELECT p.id, p.code, p.name, p.level, p.kind, p.parent_id, p.valid_from, p.valid_to, p.created_at, p.updated_at, 1
FROM admin_units u JOIN admin_units p ON p.id = u.parent_id WHERE u.id = :id2
UNION ALL
SELECT g.id, g.code, g.name, g.level, g.kind, g.parent_id, g.valid_from, g.valid_to, g.created_at, g.updated_at, 2
FROM admin_units u JOIN admin_units p ON p.id = u.parent_id JOIN admin_units g ON g.id = p.parent_id WHERE u.id = :id3)~";

// Filters are written so that one statement serves every combination: a NULL filter matches all.
// A macro so that the count and the page share one text, joined at compile time.
#define DANVAN_UNIT_FILTER                                                                              \
  " FROM admin_units"                                                                                   \
  " WHERE (CAST(:parent_id AS BIGINT) IS NULL OR parent_id = :parent_id2)"                              \
  "   AND (:roots_only = 0 OR parent_id IS NULL)"                                                       \
  "   AND (CAST(:as_of AS TEXT) IS NULL OR (valid_from <= :as_of2 AND (valid_to IS NULL OR valid_to > :as_of3)))" \
  "   AND (CAST(:level AS TEXT) IS NULL OR level = :level2)"                                            \
  "   AND (:folded = '' OR name_folded LIKE :pattern ESCAPE '!')"

inline constexpr std::string_view kCountUnits = "SELECT COUNT(*)" DANVAN_UNIT_FILTER;

inline constexpr std::string_view kSelectUnitsPage =
    "SELECT id, code, name, level, kind, parent_id, valid_from, valid_to, created_at, updated_at"
    DANVAN_UNIT_FILTER " ORDER BY name_sort, id LIMIT :limit OFFSET :offset";

#undef DANVAN_UNIT_FILTER

inline constexpr std::string_view kUpdateUnitValidTo = R"~(
UPDATE admin_units SET valid_to = :valid_to, updated_at = :at WHERE id = :id)~";

inline constexpr std::string_view kCountSuccessionPair = R"~(
SELECT COUNT(*) FROM unit_successions WHERE from_unit_id = :from_id AND to_unit_id = :to_id)~";

inline constexpr std::string_view kInsertSuccession = R"~(
INSERT INTO unit_successions (from_unit_id, to_unit_id, share, legal_basis, effective_date, note, created_at)
VALUES (:from_id, :to_id, :share, :legal_basis, :effective_date, :note, :at)
RETURNING id)~";

inline constexpr std::string_view kSelectSuccessionsFrom = R"~(
WITH RECURSIVE forward (id, to_unit_id, depth) AS (
  SELECT id, to_unit_id, 0 FROM unit_successions WHERE from_unit_id = :id
  UNION
  SELECT s.id, s.to_unit_id, f.depth + 1 FROM unit_successions s JOIN forward f ON s.from_unit_id = f.to_unit_id
  WHERE f.depth < 16
)
SELECT s.id, s.from_unit_id, s.to_unit_id, s.share, s.legal_basis, s.effective_date, s.note
FROM unit_successions s WHERE s.id IN (SELECT id FROM forward)
ORDER BY s.effective_date, s.id)~";

inline constexpr std::string_view kSelectSuccessionsInto = R"~(
SELECT id, from_unit_id, to_unit_id, share, legal_basis, effective_date, note
FROM unit_successions WHERE to_unit_id = :id ORDER BY effective_date, id)~";

}  // namespace danvan::sql
