#pragma once
// Named SQL of organisations, people and memberships. Same text on SQLite and PostgreSQL.

#include <string_view>

namespace danvan::sql {

inline constexpr std::string_view kSelectOrganisationKinds = R"~(
SELECT code, name_vi, name_en FROM organisation_kinds ORDER BY sort_order, code)~";

inline constexpr std::string_view kInsertOrganisation = R"~(
INSERT INTO organisations (unit_id, parent_id, kind, name, name_folded, name_sort, valid_from, valid_to, status,
                           created_at, updated_at)
VALUES (:unit_id, :parent_id, :kind, :name, :name_folded, :name_sort, :valid_from, :valid_to, 'active', :at, :at2)
RETURNING id)~";

#define DANVAN_ORGANISATION_COLUMNS \
  "id, unit_id, parent_id, kind, name, valid_from, valid_to, status, successor_id, created_at, updated_at"

inline constexpr std::string_view kSelectOrganisation =
    "SELECT " DANVAN_ORGANISATION_COLUMNS " FROM organisations WHERE id = :id";

inline constexpr std::string_view kSelectOrganisationsByIdsSqlite =
    "SELECT " DANVAN_ORGANISATION_COLUMNS
    " FROM organisations WHERE id IN (SELECT value FROM json_each('[' || :ids || ']'))";

inline constexpr std::string_view kSelectOrganisationsByIdsPostgres =
    "SELECT " DANVAN_ORGANISATION_COLUMNS
    " FROM organisations WHERE id = ANY (string_to_array(:ids, ',')::BIGINT[])";

// One statement for every combination of filters: a NULL filter matches all.
#define DANVAN_ORGANISATION_FILTER                                                                        \
  " FROM organisations"                                                                                   \
  " WHERE (CAST(:unit_id AS BIGINT) IS NULL OR unit_id = :unit_id2)"                                      \
  "   AND (CAST(:parent_id AS BIGINT) IS NULL OR parent_id = :parent_id2)"                                \
  "   AND (:roots_only = 0 OR parent_id IS NULL)"                                                         \
  "   AND (CAST(:as_of AS TEXT) IS NULL OR (valid_from <= :as_of2 AND (valid_to IS NULL OR valid_to > :as_of3)))" \
  "   AND (CAST(:kind AS TEXT) IS NULL OR kind = :kind2)"                                                 \
  "   AND (:folded = '' OR name_folded LIKE :pattern ESCAPE '!')"

inline constexpr std::string_view kCountOrganisations = "SELECT COUNT(*)" DANVAN_ORGANISATION_FILTER;

inline constexpr std::string_view kSelectOrganisationsPage =
    "SELECT " DANVAN_ORGANISATION_COLUMNS DANVAN_ORGANISATION_FILTER
    " ORDER BY name_sort, id LIMIT :limit OFFSET :offset";

// Children still active on a day or later: they would outlive a parent ended that day.
inline constexpr std::string_view kSelectOpenChildOrganisations =
    "SELECT " DANVAN_ORGANISATION_COLUMNS
    " FROM organisations WHERE parent_id = :id AND (valid_to IS NULL OR valid_to > :date) ORDER BY name_sort, id";

#undef DANVAN_ORGANISATION_FILTER
#undef DANVAN_ORGANISATION_COLUMNS

inline constexpr std::string_view kEndOrganisation = R"~(
UPDATE organisations SET status = :status, valid_to = :valid_to, successor_id = :successor_id, updated_at = :at
WHERE id = :id)~";

inline constexpr std::string_view kInsertPerson = R"~(
INSERT INTO people (unit_id, full_name, name_folded, name_sort, birth_year, gender, phone, email, address, is_demo,
                    created_at, updated_at)
VALUES (:unit_id, :full_name, :name_folded, :name_sort, :birth_year, :gender, :phone, :email, :address, :is_demo,
        :at, :at2)
RETURNING id)~";

inline constexpr std::string_view kUpdatePerson = R"~(
UPDATE people SET full_name = :full_name, name_folded = :name_folded, name_sort = :name_sort,
                  birth_year = :birth_year, gender = :gender, phone = :phone, email = :email, address = :address,
                  updated_at = :at
WHERE id = :id)~";

#define DANVAN_PERSON_COLUMNS \
  "id, unit_id, full_name, birth_year, gender, phone, email, address, is_demo, created_at, updated_at"

inline constexpr std::string_view kSelectPerson = "SELECT " DANVAN_PERSON_COLUMNS " FROM people WHERE id = :id";

// People of a unit and of every unit below it, optionally of one organisation, optionally matching a search.
#define DANVAN_PERSON_FILTER                                                                              \
  " FROM people p"                                                                                        \
  " WHERE p.unit_id IN (WITH RECURSIVE down (id, depth) AS ("                                             \
  "     SELECT id, 0 FROM admin_units WHERE id = :unit_id"                                                \
  "     UNION ALL SELECT u.id, d.depth + 1 FROM admin_units u JOIN down d ON u.parent_id = d.id WHERE d.depth < 8)" \
  "   SELECT id FROM down)"                                                                               \
  "   AND (CAST(:organisation_id AS BIGINT) IS NULL OR p.id IN ("                                         \
  "     SELECT person_id FROM memberships WHERE organisation_id = :organisation_id2))"                    \
  "   AND (:folded = '' OR p.name_folded LIKE :pattern ESCAPE '!')"

inline constexpr std::string_view kCountPeople = "SELECT COUNT(*)" DANVAN_PERSON_FILTER;

inline constexpr std::string_view kSelectPeoplePage =
    "SELECT p.id, p.unit_id, p.full_name, p.birth_year, p.gender, p.phone, p.email, p.address, p.is_demo,"
    " p.created_at, p.updated_at" DANVAN_PERSON_FILTER " ORDER BY p.name_sort, p.id LIMIT :limit OFFSET :offset";

#undef DANVAN_PERSON_FILTER
#undef DANVAN_PERSON_COLUMNS

inline constexpr std::string_view kInsertMembership = R"~(
INSERT INTO memberships (person_id, organisation_id, title, valid_from, valid_to, created_at)
VALUES (:person_id, :organisation_id, :title, :valid_from, :valid_to, :at)
RETURNING id)~";

inline constexpr std::string_view kSelectMembership = R"~(
SELECT id, person_id, organisation_id, title, valid_from, valid_to FROM memberships WHERE id = :id)~";

inline constexpr std::string_view kEndMembership = R"~(UPDATE memberships SET valid_to = :valid_to WHERE id = :id)~";

inline constexpr std::string_view kSelectMembershipsOfPeopleSqlite = R"~(
SELECT id, person_id, organisation_id, title, valid_from, valid_to FROM memberships
WHERE person_id IN (SELECT value FROM json_each('[' || :ids || ']')) ORDER BY valid_from, id)~";

inline constexpr std::string_view kSelectMembershipsOfPeoplePostgres = R"~(
SELECT id, person_id, organisation_id, title, valid_from, valid_to FROM memberships
WHERE person_id = ANY (string_to_array(:ids, ',')::BIGINT[]) ORDER BY valid_from, id)~";

inline constexpr std::string_view kSelectMembershipsOfOrganisation = R"~(
SELECT id, person_id, organisation_id, title, valid_from, valid_to FROM memberships
WHERE organisation_id = :organisation_id ORDER BY valid_from, id)~";

}  // namespace danvan::sql
