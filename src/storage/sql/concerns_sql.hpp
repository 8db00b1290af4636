#pragma once
// Named SQL of residents' concerns: the working calendar, categories, routing rules, batches, concerns, their
// events, files, supporters and ratings, secrets and answer templates. Same text on SQLite and PostgreSQL except
// where a list of ids is bound as one text parameter (json_each on SQLite, string_to_array on PostgreSQL).

#include <string_view>

namespace danvan::sql {

// `column` among the comma-separated ids bound to `param`.
#define DANVAN_CONCERN_IN_SQLITE(column, param) " " column " IN (SELECT value FROM json_each('[' || :" param " || ']'))"
#define DANVAN_CONCERN_IN_POSTGRES(column, param) " " column " = ANY (string_to_array(:" param ", ',')::BIGINT[])"
// `column` among the comma-separated codes bound to `param` (codes hold no comma or quote).
#define DANVAN_CONCERN_TEXT_IN_SQLITE(column, param) \
  " " column " IN (SELECT value FROM json_each('[\"' || replace(:" param ", ',', '\",\"') || '\"]'))"
#define DANVAN_CONCERN_TEXT_IN_POSTGRES(column, param) " " column " = ANY (string_to_array(:" param ", ','))"

// ---- working calendar ----

inline constexpr std::string_view kSelectNextCalendarVersion =
    "SELECT COALESCE(MAX(version), 0) + 1 FROM work_calendars";
inline constexpr std::string_view kInsertWorkCalendar = R"~(
INSERT INTO work_calendars (version, utc_offset_minutes, week, note, created_by, created_at)
VALUES (:version, :offset, :week, :note, :by, :at) RETURNING id)~";
inline constexpr std::string_view kInsertCalendarDay = R"~(
INSERT INTO calendar_days (calendar_id, day, kind, name, windows) VALUES (:calendar, :day, :kind, :name, :windows))~";
inline constexpr std::string_view kSelectCurrentWorkCalendar = R"~(
SELECT id, version, utc_offset_minutes, week FROM work_calendars ORDER BY version DESC LIMIT 1)~";
inline constexpr std::string_view kSelectCalendarDays = R"~(
SELECT day, kind, name, windows FROM calendar_days WHERE calendar_id = :calendar ORDER BY day)~";

// ---- categories ----

inline constexpr std::string_view kInsertConcernCategory = R"~(
INSERT INTO concern_categories (unit_id, code, name, description, group_name, keywords, default_organisation_id,
                                urgency, sensitive, active, attributes, created_at, updated_at)
VALUES (:unit_id, :code, :name, :description, :group_name, :keywords, :org, :urgency, :sensitive, :active,
        :attributes, :at, :at2)
RETURNING id)~";
inline constexpr std::string_view kUpdateConcernCategory = R"~(
UPDATE concern_categories SET unit_id = :unit_id, code = :code, name = :name, description = :description,
                              group_name = :group_name, keywords = :keywords, default_organisation_id = :org,
                              urgency = :urgency, sensitive = :sensitive, active = :active, attributes = :attributes,
                              updated_at = :at
WHERE id = :id)~";
#define DANVAN_CATEGORY_COLUMNS                                                                                  \
  "id, unit_id, code, name, description, group_name, keywords, default_organisation_id, urgency, sensitive,"   \
  " active, attributes, created_at, updated_at"
inline constexpr std::string_view kSelectConcernCategory =
    "SELECT " DANVAN_CATEGORY_COLUMNS " FROM concern_categories WHERE id = :id";
inline constexpr std::string_view kSelectConcernCategoryByCode =
    "SELECT " DANVAN_CATEGORY_COLUMNS " FROM concern_categories WHERE code = :code";
inline constexpr std::string_view kSelectConcernCategoriesOfUnitsSqlite =
    "SELECT " DANVAN_CATEGORY_COLUMNS " FROM concern_categories WHERE" DANVAN_CONCERN_IN_SQLITE("unit_id", "units")
    " AND (:active_only = 0 OR active = 1) ORDER BY group_name, name, id";
inline constexpr std::string_view kSelectConcernCategoriesOfUnitsPostgres =
    "SELECT " DANVAN_CATEGORY_COLUMNS " FROM concern_categories WHERE" DANVAN_CONCERN_IN_POSTGRES("unit_id", "units")
    " AND (:active_only = 0 OR active = 1) ORDER BY group_name, name, id";
#undef DANVAN_CATEGORY_COLUMNS
inline constexpr std::string_view kSelectUnitsWithCategories =
    "SELECT DISTINCT unit_id FROM concern_categories WHERE active = 1 ORDER BY unit_id";
inline constexpr std::string_view kSelectUnitIdsByCode =
    "SELECT id FROM admin_units WHERE code = :code ORDER BY valid_from DESC, id DESC";

// ---- routing ----

inline constexpr std::string_view kDeleteRoutingRulesOfUnit = "DELETE FROM concern_routing_rules WHERE unit_id = :unit_id";
inline constexpr std::string_view kInsertRoutingRule = R"~(
INSERT INTO concern_routing_rules (unit_id, position, category_id, area_unit_id, area_polygon, organisation_id, active,
                                   created_at)
VALUES (:unit_id, :position, :category, :area_unit, :polygon, :org, :active, :at))~";
#define DANVAN_RULE_COLUMNS "id, unit_id, position, category_id, area_unit_id, area_polygon, organisation_id, active"
inline constexpr std::string_view kSelectRoutingRulesOfUnitsSqlite =
    "SELECT " DANVAN_RULE_COLUMNS " FROM concern_routing_rules WHERE" DANVAN_CONCERN_IN_SQLITE("unit_id", "units")
    " ORDER BY position, id";
inline constexpr std::string_view kSelectRoutingRulesOfUnitsPostgres =
    "SELECT " DANVAN_RULE_COLUMNS " FROM concern_routing_rules WHERE" DANVAN_CONCERN_IN_POSTGRES("unit_id", "units")
    " ORDER BY position, id";
#undef DANVAN_RULE_COLUMNS

// ---- batches ----

inline constexpr std::string_view kInsertConcernBatch = R"~(
INSERT INTO concern_batches (unit_id, kind, title, held_on, place, minutes, created_by, created_at)
VALUES (:unit_id, :kind, :title, :held_on, :place, :minutes, :by, :at) RETURNING id)~";
inline constexpr std::string_view kSelectConcernBatch = R"~(
SELECT id, unit_id, kind, title, held_on, place, minutes, created_by, created_at FROM concern_batches WHERE id = :id)~";

// ---- concerns ----

inline constexpr std::string_view kInsertConcern = R"~(
INSERT INTO concerns (code, pin_hash, unit_id, category_id, organisation_id, assignee_user_id, status, urgency,
                      description, attributes, lat, lon, address, search_folded, reporter_name, reporter_contact,
                      contact_visible, channel, batch_id, duplicate_of, supporters, submitter_key, calendar_version,
                      clock_started_at, received_due_at, received_at, received_on_time, resolve_due_at, paused_since,
                      paused_minutes, resolved_at, resolved_on_time, resolutions, answer, reason_code, closed_at,
                      reopened_count, is_demo, created_at, updated_at)
VALUES (:code, :pin_hash, :unit_id, :category_id, :organisation_id, :assignee_user_id, :status, :urgency,
        :description, :attributes, :lat, :lon, :address, :search_folded, :reporter_name, :reporter_contact,
        :contact_visible, :channel, :batch_id, :duplicate_of, :supporters, :submitter_key, :calendar_version,
        :clock_started_at, :received_due_at, :received_at, :received_on_time, :resolve_due_at, :paused_since,
        :paused_minutes, :resolved_at, :resolved_on_time, :resolutions, :answer, :reason_code, :closed_at,
        :reopened_count, :is_demo, :created_at, :updated_at)
RETURNING id)~";

// Every column but id, code, pin_hash, created_at and submitter_key.
inline constexpr std::string_view kUpdateConcern = R"~(
UPDATE concerns SET unit_id = :unit_id, category_id = :category_id, organisation_id = :organisation_id,
                    assignee_user_id = :assignee_user_id, status = :status, urgency = :urgency,
                    description = :description, attributes = :attributes, lat = :lat, lon = :lon, address = :address,
                    search_folded = :search_folded, reporter_name = :reporter_name,
                    reporter_contact = :reporter_contact, contact_visible = :contact_visible, channel = :channel,
                    batch_id = :batch_id, duplicate_of = :duplicate_of, supporters = :supporters,
                    calendar_version = :calendar_version, clock_started_at = :clock_started_at,
                    received_due_at = :received_due_at, received_at = :received_at,
                    received_on_time = :received_on_time, resolve_due_at = :resolve_due_at,
                    paused_since = :paused_since, paused_minutes = :paused_minutes, resolved_at = :resolved_at,
                    resolved_on_time = :resolved_on_time, resolutions = :resolutions, answer = :answer,
                    reason_code = :reason_code, closed_at = :closed_at, reopened_count = :reopened_count,
                    is_demo = :is_demo, updated_at = :updated_at
WHERE id = :id)~";

#define DANVAN_CONCERN_COLUMNS                                                                                   \
  "c.id, c.code, c.pin_hash, c.unit_id, c.category_id, c.organisation_id, c.assignee_user_id, c.status,"        \
  " c.urgency, c.description, c.attributes, c.lat, c.lon, c.address, c.reporter_name, c.reporter_contact,"     \
  " c.contact_visible, c.channel, c.batch_id, c.duplicate_of, c.supporters, c.submitter_key, c.calendar_version," \
  " c.clock_started_at, c.received_due_at, c.received_at, c.received_on_time, c.resolve_due_at, c.paused_since," \
  " c.paused_minutes, c.resolved_at, c.resolved_on_time, c.resolutions, c.answer, c.reason_code, c.closed_at,"  \
  " c.reopened_count, c.is_demo, c.created_at, c.updated_at"
// The statuses domain/concern.cpp's IsOpen calls open (the integration test holds the two together).
#define DANVAN_CONCERN_OPEN " c.status IN ('new', 'received', 'assigned', 'in_progress', 'waiting', 'reopened')"

inline constexpr std::string_view kSelectConcern = "SELECT " DANVAN_CONCERN_COLUMNS " FROM concerns c WHERE c.id = :id";
inline constexpr std::string_view kSelectConcernForUpdatePostgres =
    "SELECT " DANVAN_CONCERN_COLUMNS " FROM concerns c WHERE c.id = :id FOR UPDATE";
inline constexpr std::string_view kSelectConcernByCode =
    "SELECT " DANVAN_CONCERN_COLUMNS " FROM concerns c WHERE c.code = :code";

// One statement for every combination of filters: an empty list or a NULL filter matches all. `roots` seeds one
// recursive walk with several subtree roots.
#define DANVAN_CONCERN_SUBTREE_OF_ROOTS(IN)                                                                     \
  " (:roots = '' OR c.unit_id IN (WITH RECURSIVE down (id, depth) AS ("                                         \
  "   SELECT id, 0 FROM admin_units WHERE" IN("id", "roots2")                                                   \
  "   UNION ALL SELECT u.id, d.depth + 1 FROM admin_units u JOIN down d ON u.parent_id = d.id WHERE d.depth < 8)" \
  " SELECT id FROM down))"
#define DANVAN_CONCERN_FILTER(IN, TEXT_IN)                                                                      \
  " FROM concerns c WHERE" DANVAN_CONCERN_SUBTREE_OF_ROOTS(IN)                                                   \
  " AND (CAST(:unit_id AS BIGINT) IS NULL OR c.unit_id IN (WITH RECURSIVE down (id, depth) AS ("                \
  "   SELECT id, 0 FROM admin_units WHERE id = :unit_id2"                                                        \
  "   UNION ALL SELECT u.id, d.depth + 1 FROM admin_units u JOIN down d ON u.parent_id = d.id WHERE d.depth < 8)" \
  " SELECT id FROM down))"                                                                                       \
  " AND (CAST(:org AS BIGINT) IS NULL OR c.organisation_id = :org2)"                                            \
  " AND (CAST(:assignee AS BIGINT) IS NULL OR c.assignee_user_id = :assignee2)"                                 \
  " AND (CAST(:category AS BIGINT) IS NULL OR c.category_id = :category2)"                                      \
  " AND (:statuses = '' OR" TEXT_IN("c.status", "statuses2") ")"                                                \
  " AND (CAST(:due_before AS TEXT) IS NULL OR c.resolve_due_at < :due_before2)"                                 \
  " AND (CAST(:created_from AS TEXT) IS NULL OR c.created_at >= :created_from2)"                                \
  " AND (CAST(:created_to AS TEXT) IS NULL OR c.created_at < :created_to2)"                                     \
  " AND (:folded = '' OR c.search_folded LIKE :pattern ESCAPE '!')"                                             \
  " AND (:ids = '' OR" IN("c.id", "ids2") ")"                                                                    \
  " AND (:categories = '' OR" IN("c.category_id", "categories2") ")"                                            \
  " AND (:codes = '' OR" TEXT_IN("c.code", "codes2") ")"
#define DANVAN_CONCERN_FILTER_SQLITE DANVAN_CONCERN_FILTER(DANVAN_CONCERN_IN_SQLITE, DANVAN_CONCERN_TEXT_IN_SQLITE)
#define DANVAN_CONCERN_FILTER_POSTGRES \
  DANVAN_CONCERN_FILTER(DANVAN_CONCERN_IN_POSTGRES, DANVAN_CONCERN_TEXT_IN_POSTGRES)
#define DANVAN_CONCERN_NEWEST_FIRST " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset"
#define DANVAN_CONCERN_DUE_FIRST " ORDER BY c.resolve_due_at IS NULL, c.resolve_due_at, c.id LIMIT :limit OFFSET :offset"

inline constexpr std::string_view kCountConcernsSqlite = "SELECT COUNT(*)" DANVAN_CONCERN_FILTER_SQLITE;
inline constexpr std::string_view kCountConcernsPostgres = "SELECT COUNT(*)" DANVAN_CONCERN_FILTER_POSTGRES;
inline constexpr std::string_view kSelectConcernsNewestFirstSqlite =
    "SELECT " DANVAN_CONCERN_COLUMNS DANVAN_CONCERN_FILTER_SQLITE DANVAN_CONCERN_NEWEST_FIRST;
inline constexpr std::string_view kSelectConcernsNewestFirstPostgres =
    "SELECT " DANVAN_CONCERN_COLUMNS DANVAN_CONCERN_FILTER_POSTGRES DANVAN_CONCERN_NEWEST_FIRST;
inline constexpr std::string_view kSelectConcernsDueFirstSqlite =
    "SELECT " DANVAN_CONCERN_COLUMNS DANVAN_CONCERN_FILTER_SQLITE DANVAN_CONCERN_DUE_FIRST;
inline constexpr std::string_view kSelectConcernsDueFirstPostgres =
    "SELECT " DANVAN_CONCERN_COLUMNS DANVAN_CONCERN_FILTER_POSTGRES DANVAN_CONCERN_DUE_FIRST;

#undef DANVAN_CONCERN_DUE_FIRST
#undef DANVAN_CONCERN_NEWEST_FIRST
#undef DANVAN_CONCERN_FILTER_POSTGRES
#undef DANVAN_CONCERN_FILTER_SQLITE
#undef DANVAN_CONCERN_FILTER
#undef DANVAN_CONCERN_SUBTREE_OF_ROOTS

inline constexpr std::string_view kSelectRecentOpenConcerns =
    "SELECT " DANVAN_CONCERN_COLUMNS " FROM concerns c"
    " WHERE c.category_id = :category AND c.created_at >= :since AND" DANVAN_CONCERN_OPEN
    " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit";
inline constexpr std::string_view kSelectOpenConcernIds =
    "SELECT c.id FROM concerns c WHERE" DANVAN_CONCERN_OPEN " ORDER BY c.id";
inline constexpr std::string_view kCountConcernsSentSince = R"~(
SELECT COUNT(*) FROM concerns WHERE submitter_key = :key AND created_at >= :since)~";
inline constexpr std::string_view kSelectDuplicateConcerns =
    "SELECT " DANVAN_CONCERN_COLUMNS " FROM concerns c WHERE c.duplicate_of = :id ORDER BY c.id";

#undef DANVAN_CONCERN_OPEN
#undef DANVAN_CONCERN_COLUMNS

// ---- events ----

inline constexpr std::string_view kInsertConcernEvent = R"~(
INSERT INTO concern_events (concern_id, kind, is_public, actor, actor_name, from_status, to_status, organisation_id,
                            to_organisation_id, body, due_at, on_time, at)
VALUES (:concern, :kind, :is_public, :actor, :actor_name, :from_status, :to_status, :org, :to_org, :body, :due_at,
        :on_time, :at)
RETURNING id)~";
inline constexpr std::string_view kSelectConcernEvents = R"~(
SELECT id, concern_id, kind, is_public, actor, actor_name, from_status, to_status, organisation_id, to_organisation_id,
       body, due_at, on_time, at
FROM concern_events WHERE concern_id = :concern AND (:public_only = 0 OR is_public = 1) ORDER BY id)~";

// ---- files ----

inline constexpr std::string_view kInsertConcernFile = R"~(
INSERT INTO concern_files (concern_id, event_id, file_name, media_type, size_bytes, content, thumbnail, width, height,
                           is_public, created_at)
VALUES (:concern, :event, :file_name, :media_type, :size, :content, :thumbnail, :width, :height, :is_public, :at)
RETURNING id)~";
inline constexpr std::string_view kSelectConcernFiles = R"~(
SELECT id, concern_id, event_id, file_name, media_type, size_bytes, width, height, is_public, created_at
FROM concern_files WHERE concern_id = :concern ORDER BY id)~";
// The first public photo of each of the listed concerns (Open311's media_url), in one query for a page.
inline constexpr std::string_view kSelectFirstPublicPhotosSqlite =
    "SELECT concern_id, MIN(id) FROM concern_files WHERE" DANVAN_CONCERN_IN_SQLITE("concern_id", "concerns")
    " AND is_public = 1 AND media_type LIKE 'image/%' GROUP BY concern_id";
inline constexpr std::string_view kSelectFirstPublicPhotosPostgres =
    "SELECT concern_id, MIN(id) FROM concern_files WHERE" DANVAN_CONCERN_IN_POSTGRES("concern_id", "concerns")
    " AND is_public = 1 AND media_type LIKE 'image/%' GROUP BY concern_id";
inline constexpr std::string_view kSelectConcernFile = R"~(
SELECT id, concern_id, event_id, file_name, media_type, size_bytes, width, height, is_public, created_at, content,
       thumbnail
FROM concern_files WHERE id = :id)~";

// ---- supporters and ratings: a second one of the same key comes back without a row ----

inline constexpr std::string_view kInsertConcernSupporter = R"~(
INSERT INTO concern_supporters (concern_id, supporter_key, at) VALUES (:concern, :key, :at)
ON CONFLICT DO NOTHING RETURNING concern_id)~";
inline constexpr std::string_view kInsertConcernRating = R"~(
INSERT INTO concern_ratings (concern_id, resolution, stars, comment, at) VALUES (:concern, :resolution, :stars, :comment, :at)
ON CONFLICT DO NOTHING RETURNING concern_id)~";
inline constexpr std::string_view kSelectConcernRatings = R"~(
SELECT resolution, stars, comment, at FROM concern_ratings WHERE concern_id = :concern ORDER BY resolution)~";

// ---- secrets ----

inline constexpr std::string_view kSelectServiceSecret = "SELECT value FROM service_secrets WHERE name = :name";
inline constexpr std::string_view kInsertServiceSecretIfAbsent = R"~(
INSERT INTO service_secrets (name, value, created_at) VALUES (:name, :value, :at) ON CONFLICT (name) DO NOTHING)~";

// ---- answer templates ----

inline constexpr std::string_view kInsertAnswerTemplate = R"~(
INSERT INTO answer_templates (unit_id, title, body, created_at) VALUES (:unit_id, :title, :body, :at) RETURNING id)~";
inline constexpr std::string_view kSelectAnswerTemplatesOfUnitsSqlite =
    "SELECT id, unit_id, title, body, created_at FROM answer_templates WHERE" DANVAN_CONCERN_IN_SQLITE("unit_id", "units")
    " ORDER BY title, id";
inline constexpr std::string_view kSelectAnswerTemplatesOfUnitsPostgres =
    "SELECT id, unit_id, title, body, created_at FROM answer_templates WHERE"
    DANVAN_CONCERN_IN_POSTGRES("unit_id", "units") " ORDER BY title, id";

#undef DANVAN_CONCERN_TEXT_IN_POSTGRES
#undef DANVAN_CONCERN_TEXT_IN_SQLITE
#undef DANVAN_CONCERN_IN_POSTGRES
#undef DANVAN_CONCERN_IN_SQLITE

}  // namespace danvan::sql
