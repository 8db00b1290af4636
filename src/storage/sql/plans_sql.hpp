#pragma once
// Named SQL of the year's plans, their targets and reports, outreach activities and their files (V009). The same
// text on SQLite and PostgreSQL. Dates are ISO text; instants FormatUtc text, compared as text.

#include "storage/sql/scope_sql.hpp"

#include <string_view>

namespace danvan::sql {

// ---- reference data ----

inline constexpr std::string_view kSelectPlanTasks =
    "SELECT code, position, name_vi, name_en FROM plan_tasks ORDER BY position, code";
inline constexpr std::string_view kSelectOutreachKinds =
    "SELECT code, name_vi, name_en FROM outreach_kinds ORDER BY sort_order, code";
inline constexpr std::string_view kSelectTargetKinds = R"~(
SELECT k.code, k.task_code, k.name_vi, k.name_en, k.unit_vi, k.unit_en, k.metric, k.outreach_kind, k.measure
FROM target_kinds k JOIN plan_tasks t ON t.code = k.task_code ORDER BY t.position, k.sort_order, k.code)~";

// ---- plans ----

#define DANVAN_PLAN_COLUMNS                                                                                    \
  " p.id, p.unit_id, p.organisation_id, p.year, p.title, p.notes, p.carried_from_id, p.created_by, p.created_at,"  \
  " p.updated_at, o.name FROM plans p LEFT JOIN organisations o ON o.id = p.organisation_id"

inline constexpr std::string_view kSelectPlan = "SELECT" DANVAN_PLAN_COLUMNS " WHERE p.id = :id";
inline constexpr std::string_view kSelectPlanOf =
    "SELECT" DANVAN_PLAN_COLUMNS " WHERE p.unit_id = :unit AND COALESCE(p.organisation_id, 0) = :org AND p.year = :year";
// The plans of a unit and of its organisations, of one year or all, the unit's own first.
inline constexpr std::string_view kSelectPlansOfUnit =
    "SELECT" DANVAN_PLAN_COLUMNS
    " WHERE p.unit_id = :unit AND (CAST(:year AS BIGINT) IS NULL OR p.year = :year2)"
    " ORDER BY p.year DESC, CASE WHEN p.organisation_id IS NULL THEN 0 ELSE 1 END, p.id";

#undef DANVAN_PLAN_COLUMNS

inline constexpr std::string_view kInsertPlan = R"~(
INSERT INTO plans (unit_id, organisation_id, year, title, notes, carried_from_id, created_by, created_at, updated_at)
VALUES (:unit, :org, :year, :title, :notes, :carried_from, :by, :at, :at2) RETURNING id)~";
inline constexpr std::string_view kUpdatePlan =
    "UPDATE plans SET title = :title, notes = :notes, updated_at = :at WHERE id = :id";

// ---- targets ----

inline constexpr std::string_view kSelectTargetsOfPlan = R"~(
SELECT id, plan_id, kind_code, target, notes, position, carried_from_id FROM plan_targets
WHERE plan_id = :plan ORDER BY position, id)~";
inline constexpr std::string_view kSelectTarget = R"~(
SELECT id, plan_id, kind_code, target, notes, position, carried_from_id FROM plan_targets WHERE id = :id)~";
inline constexpr std::string_view kInsertTarget = R"~(
INSERT INTO plan_targets (plan_id, kind_code, target, notes, position, carried_from_id)
VALUES (:plan, :kind, :target, :notes, :position, :carried_from) RETURNING id)~";
inline constexpr std::string_view kUpdateTarget = "UPDATE plan_targets SET target = :target, notes = :notes WHERE id = :id";
inline constexpr std::string_view kDeleteTarget = "DELETE FROM plan_targets WHERE id = :id";
inline constexpr std::string_view kCountTargetReports = "SELECT COUNT(*) FROM target_reports WHERE target_id = :id";

// ---- reports of hand-reported targets ----

inline constexpr std::string_view kInsertTargetReport = R"~(
INSERT INTO target_reports (target_id, reported_on, value, evidence, reported_by, created_at)
VALUES (:target, :on, :value, :evidence, :by, :at) RETURNING id)~";
// Every report of a plan's targets, in order: the service takes the latest on or before a day.
inline constexpr std::string_view kSelectReportsOfPlan = R"~(
SELECT r.id, r.target_id, r.reported_on, r.value, r.evidence, r.reported_by, r.created_at
FROM target_reports r JOIN plan_targets t ON t.id = r.target_id
WHERE t.plan_id = :plan ORDER BY r.target_id, r.reported_on, r.id)~";

// ---- outreach activities ----

#define DANVAN_ACTIVITY_COLUMNS                                                                                \
  " a.id, a.unit_id, a.organisation_id, a.kind_code, a.held_on, a.place, a.topic, a.attendance, a.notes,"      \
  " a.is_demo, a.created_by, a.created_at, a.updated_at,"                                                    \
  " (SELECT COUNT(*) FROM plan_files f WHERE f.activity_id = a.id), k.name_vi, o.name"                         \
  " FROM outreach_activities a JOIN outreach_kinds k ON k.code = a.kind_code"                                 \
  " LEFT JOIN organisations o ON o.id = a.organisation_id"

inline constexpr std::string_view kSelectActivity = "SELECT" DANVAN_ACTIVITY_COLUMNS " WHERE a.id = :id";

// The activities of the units below :unit (and their predecessors by :as_of), held in [:from, :to], of one kind
// or organiser (NULL: any), newest first, a page of them.
#define DANVAN_ACTIVITY_FILTER                                                                                 \
  " WHERE a.unit_id IN (SELECT id FROM scope) AND a.held_on >= :from AND a.held_on <= :to"                     \
  "   AND (CAST(:kind AS TEXT) IS NULL OR a.kind_code = :kind2)"                                               \
  "   AND (CAST(:org AS BIGINT) IS NULL OR a.organisation_id = :org2)"

inline constexpr std::string_view kSelectActivities =
    DANVAN_REPORT_SCOPE " SELECT" DANVAN_ACTIVITY_COLUMNS DANVAN_ACTIVITY_FILTER
    " ORDER BY a.held_on DESC, a.id DESC LIMIT :limit OFFSET :offset";
inline constexpr std::string_view kCountActivities =
    DANVAN_REPORT_SCOPE " SELECT COUNT(*) FROM outreach_activities a" DANVAN_ACTIVITY_FILTER;

#undef DANVAN_ACTIVITY_FILTER
#undef DANVAN_ACTIVITY_COLUMNS

inline constexpr std::string_view kInsertActivity = R"~(
INSERT INTO outreach_activities (unit_id, organisation_id, kind_code, held_on, place, topic, attendance, notes,
                                 is_demo, created_by, created_at, updated_at)
VALUES (:unit, :org, :kind, :held_on, :place, :topic, :attendance, :notes, :is_demo, :by, :at, :at2) RETURNING id)~";
inline constexpr std::string_view kUpdateActivity = R"~(
UPDATE outreach_activities SET organisation_id = :org, kind_code = :kind, held_on = :held_on, place = :place,
  topic = :topic, attendance = :attendance, notes = :notes, updated_at = :at WHERE id = :id)~";

// ---- files ----

inline constexpr std::string_view kInsertPlanFile = R"~(
INSERT INTO plan_files (activity_id, report_id, file_name, media_type, size_bytes, content, thumbnail, width, height,
                        created_at)
VALUES (:activity, :report, :name, :type, :size, :content, :thumbnail, :width, :height, :at) RETURNING id)~";

#define DANVAN_PLAN_FILE_META                                                                                  \
  " f.id, f.activity_id, f.report_id, f.file_name, f.media_type, f.size_bytes, f.width, f.height,"             \
  " CASE WHEN f.thumbnail IS NULL THEN 0 ELSE 1 END, f.created_at FROM plan_files f"

inline constexpr std::string_view kSelectPlanFileMeta = "SELECT" DANVAN_PLAN_FILE_META " WHERE f.id = :id";
inline constexpr std::string_view kSelectFilesOfActivity =
    "SELECT" DANVAN_PLAN_FILE_META " WHERE f.activity_id = :activity ORDER BY f.id";
inline constexpr std::string_view kSelectFilesOfPlanReports =
    "SELECT" DANVAN_PLAN_FILE_META
    " JOIN target_reports r ON r.id = f.report_id JOIN plan_targets t ON t.id = r.target_id"
    " WHERE t.plan_id = :plan ORDER BY f.id";

#undef DANVAN_PLAN_FILE_META

inline constexpr std::string_view kSelectPlanFileUnit = R"~(
SELECT COALESCE(a.unit_id, p.unit_id) FROM plan_files f
LEFT JOIN outreach_activities a ON a.id = f.activity_id
LEFT JOIN target_reports r ON r.id = f.report_id
LEFT JOIN plan_targets t ON t.id = r.target_id
LEFT JOIN plans p ON p.id = t.plan_id
WHERE f.id = :id)~";
inline constexpr std::string_view kSelectPlanFileContent = "SELECT content FROM plan_files WHERE id = :id";
inline constexpr std::string_view kSelectPlanFileThumbnail = "SELECT thumbnail FROM plan_files WHERE id = :id";

// ---- the counts behind counted targets: one statement per family, whatever the number of records ----

// The organisation a plan belongs to and those below it; empty when :org is NULL (then no filter applies).
#define DANVAN_PLAN_ORGS                                                                                       \
  ", orgs (id, depth) AS ("                                                                                    \
  "  SELECT id, 0 FROM organisations WHERE id = :org"                                                          \
  "  UNION ALL SELECT o.id, g.depth + 1 FROM organisations o JOIN orgs g ON o.parent_id = g.id WHERE g.depth < 16)"

//! Activities held from :from to :day (dates), per kind: how many, and their attendance.
inline constexpr std::string_view kPlanOutreachCounts =
    DANVAN_REPORT_SCOPE DANVAN_PLAN_ORGS
    " SELECT a.kind_code, COUNT(*), CAST(COALESCE(SUM(a.attendance), 0) AS BIGINT) FROM outreach_activities a"
    " WHERE a.unit_id IN (SELECT id FROM scope) AND a.held_on >= :from AND a.held_on <= :day"
    "   AND (CAST(:org2 AS BIGINT) IS NULL OR a.organisation_id IN (SELECT id FROM orgs))"
    " GROUP BY a.kind_code";

//! Models of the campaigns starting in :year: registered before :end (an instant), recognised by a council
//! session held on or before :day, replications created before :end.
inline constexpr std::string_view kPlanModelCounts =
    DANVAN_REPORT_SCOPE DANVAN_PLAN_ORGS
    " SELECT CAST(COALESCE(SUM(CASE WHEN m.registered_at IS NOT NULL AND m.registered_at < :end THEN 1 ELSE 0 END), 0) AS BIGINT),"
    "   CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM session_models sm"
    "     JOIN council_sessions cs ON cs.id = sm.session_id"
    "     WHERE sm.model_id = m.id AND sm.outcome = 'recognised' AND cs.held_on <= :day) THEN 1 ELSE 0 END), 0) AS BIGINT),"
    "   CAST(COALESCE(SUM(CASE WHEN m.source_model_id IS NOT NULL AND m.created_at < :end2 THEN 1 ELSE 0 END), 0) AS BIGINT)"
    " FROM models m JOIN campaigns c ON c.id = m.campaign_id"
    " WHERE m.unit_id IN (SELECT id FROM scope) AND substr(c.starts_on, 1, 4) = :year"
    "   AND (CAST(:org2 AS BIGINT) IS NULL OR m.owner_organisation_id IN (SELECT id FROM orgs))";

//! Concerns sent in [:start, :end) (instants): received; acknowledged before :end and of those on time; resolved
//! (the answer stands) before :end and of those on time by their last resolving event; ratings given before :end.
inline constexpr std::string_view kPlanConcernCounts =
    DANVAN_REPORT_SCOPE DANVAN_PLAN_ORGS
    " SELECT COUNT(*),"
    "   CAST(COALESCE(SUM(CASE WHEN f.received_at < :end2 THEN 1 ELSE 0 END), 0) AS BIGINT),"
    "   CAST(COALESCE(SUM(CASE WHEN f.received_at < :end3 AND f.received_on_time = 1 THEN 1 ELSE 0 END), 0) AS BIGINT),"
    "   CAST(COALESCE(SUM(CASE WHEN f.resolved THEN 1 ELSE 0 END), 0) AS BIGINT),"
    "   CAST(COALESCE(SUM(CASE WHEN f.resolved AND f.resolve_on_time = 1 THEN 1 ELSE 0 END), 0) AS BIGINT),"
    "   CAST(COALESCE(SUM(f.ratings), 0) AS BIGINT), CAST(COALESCE(SUM(f.stars), 0) AS BIGINT)"
    " FROM (SELECT c.received_at, c.received_on_time,"
    "     (c.status IN ('resolved', 'closed') AND c.resolved_at < :end4) AS resolved,"
    "     (SELECT e.on_time FROM concern_events e WHERE e.concern_id = c.id AND e.kind = 'resolve'"
    "       ORDER BY e.id DESC LIMIT 1) AS resolve_on_time,"
    "     (SELECT COUNT(*) FROM concern_ratings r WHERE r.concern_id = c.id AND r.at < :end5) AS ratings,"
    "     (SELECT COALESCE(SUM(r.stars), 0) FROM concern_ratings r WHERE r.concern_id = c.id AND r.at < :end6) AS stars"
    "   FROM concerns c WHERE c.unit_id IN (SELECT id FROM scope) AND c.created_at >= :start AND c.created_at < :end"
    "     AND (CAST(:org2 AS BIGINT) IS NULL OR c.organisation_id IN (SELECT id FROM orgs))) f";

#undef DANVAN_PLAN_ORGS

}  // namespace danvan::sql
