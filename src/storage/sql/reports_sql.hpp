#pragma once
// SQL of the reports: counts per unit over a unit's subtree, optionally widened to every unit that became part
// of it (successions in force on a date). The same text on SQLite and PostgreSQL.

#include "storage/sql/scope_sql.hpp"

#include <string_view>

namespace danvan::sql {

//! Models per unit and status in the scope, of campaigns starting in :year (all years when NULL).
inline constexpr std::string_view kReportModelCounts =
    DANVAN_REPORT_SCOPE
    " SELECT m.unit_id, m.status, COUNT(*),"
    "   SUM(CASE WHEN m.registered_at IS NOT NULL THEN 1 ELSE 0 END),"
    "   SUM(CASE WHEN m.source_model_id IS NOT NULL THEN 1 ELSE 0 END)"
    " FROM models m JOIN campaigns c ON c.id = m.campaign_id"
    " WHERE m.unit_id IN (SELECT id FROM scope)"
    "   AND (CAST(:year AS TEXT) IS NULL OR substr(c.starts_on, 1, 4) = :year2)"
    " GROUP BY m.unit_id, m.status";

//! Models of the scope per field and recognition level ('' when none), with the level's name in its campaign,
//! of campaigns starting in :year (all years when NULL).
inline constexpr std::string_view kReportModelFieldLevels =
    DANVAN_REPORT_SCOPE
    " SELECT m.field_code, COALESCE(m.recognition_level, ''), MIN(COALESCE(l.name, '')), COUNT(*)"
    " FROM models m JOIN campaigns c ON c.id = m.campaign_id"
    " LEFT JOIN campaign_levels l ON l.campaign_id = m.campaign_id AND l.code = m.recognition_level"
    " WHERE m.unit_id IN (SELECT id FROM scope)"
    "   AND (CAST(:year AS TEXT) IS NULL OR substr(c.starts_on, 1, 4) = :year2)"
    " GROUP BY m.field_code, COALESCE(m.recognition_level, '')";

//! Valid certificates per unit of the decisions that gave them, decided in :year (all years when NULL).
inline constexpr std::string_view kReportCertificateCounts =
    DANVAN_REPORT_SCOPE
    " SELECT d.unit_id, COUNT(*) FROM certificates ct JOIN decisions d ON d.id = ct.decision_id"
    " WHERE ct.status = 'valid' AND d.unit_id IN (SELECT id FROM scope)"
    "   AND (CAST(:year AS BIGINT) IS NULL OR d.year = :year2)"
    " GROUP BY d.unit_id";

//! Models of the scope per field and subject (collective, individual), of campaigns starting in :year: how many,
//! how many were registered, recognised (or carried over: recognised before) and replicate another model.
inline constexpr std::string_view kReportModelSubjects =
    DANVAN_REPORT_SCOPE
    " SELECT m.field_code, m.subject, COUNT(*),"
    "   SUM(CASE WHEN m.registered_at IS NOT NULL THEN 1 ELSE 0 END),"
    "   SUM(CASE WHEN m.status IN ('recognised', 'carried_over') THEN 1 ELSE 0 END),"
    "   SUM(CASE WHEN m.source_model_id IS NOT NULL THEN 1 ELSE 0 END)"
    " FROM models m JOIN campaigns c ON c.id = m.campaign_id"
    " WHERE m.unit_id IN (SELECT id FROM scope) AND substr(c.starts_on, 1, 4) = :year"
    " GROUP BY m.field_code, m.subject";

//! The rewards of the scope's decisions of :year per issuer: decisions in force, their valid certificates to
//! collectives and to individuals, and the money of those certificates (đồng).
inline constexpr std::string_view kReportRewardsByIssuer =
    DANVAN_REPORT_SCOPE
    " SELECT i.id, i.name, COUNT(DISTINCT d.id),"
    "   SUM(CASE WHEN b.subject = 'collective' THEN 1 ELSE 0 END),"
    "   SUM(CASE WHEN b.subject = 'individual' THEN 1 ELSE 0 END), SUM(b.amount)"
    " FROM decisions d JOIN issuers i ON i.id = d.issuer_id"
    " JOIN decision_beneficiaries b ON b.decision_id = d.id"
    " JOIN certificates ct ON ct.beneficiary_id = b.id AND ct.status = 'valid'"
    " WHERE d.status = 'issued' AND d.unit_id IN (SELECT id FROM scope) AND d.year = :year"
    " GROUP BY i.id, i.name";

// ---- the year report's text ----

#define DANVAN_YEAR_REPORT_COLUMNS                                                                               \
  " id, unit_id, year, issuer_id, number, reported_on, situation, highlights, assessment, directions, recipients," \
  " signer_capacity, signer_title, signer_name, updated_by, created_at, updated_at"

inline constexpr std::string_view kSelectYearReport =
    "SELECT" DANVAN_YEAR_REPORT_COLUMNS " FROM year_reports WHERE unit_id = :unit AND year = :year";

inline constexpr std::string_view kInsertYearReport =
    "INSERT INTO year_reports (unit_id, year, issuer_id, number, reported_on, situation, highlights, assessment,"
    " directions, recipients, signer_capacity, signer_title, signer_name, updated_by, created_at, updated_at)"
    " VALUES (:unit, :year, :issuer, :number, :on, :situation, :highlights, :assessment, :directions, :recipients,"
    " :capacity, :title, :name, :by, :at, :at2) RETURNING id";

inline constexpr std::string_view kUpdateYearReport =
    "UPDATE year_reports SET issuer_id = :issuer, number = :number, reported_on = :on, situation = :situation,"
    " highlights = :highlights, assessment = :assessment, directions = :directions, recipients = :recipients,"
    " signer_capacity = :capacity, signer_title = :title, signer_name = :name, updated_by = :by, updated_at = :at"
    " WHERE id = :id";

#undef DANVAN_YEAR_REPORT_COLUMNS

//! Every succession in force on :as_of on the way forward from a unit of the scope.
inline constexpr std::string_view kReportSuccessions =
    DANVAN_REPORT_SCOPE
    ", ahead (id, depth) AS ("
    "  SELECT id, 0 FROM scope"
    "  UNION ALL SELECT u.to_unit_id, a.depth + 1 FROM ahead a JOIN unit_successions u ON u.from_unit_id = a.id"
    "    WHERE u.effective_date <= :as_of2 AND a.depth < 16)"
    " SELECT id, from_unit_id, to_unit_id, share, legal_basis, effective_date, note, created_at"
    " FROM unit_successions WHERE from_unit_id IN (SELECT id FROM ahead) AND effective_date <= :as_of3"
    " ORDER BY id";

// ---- figures of residents' concerns ----

// The concerns of the scope sent in [:from, :to) (UTC text; either bound may be NULL), one row each with what
// the figures need: the on-time flag frozen on the last resolving event (concern_events.on_time), the number of
// ratings and their stars.
#define DANVAN_CONCERN_FIGURE_SOURCE                                                                             \
  " FROM (SELECT c.unit_id, c.organisation_id, c.category_id, c.status, c.received_on_time, c.created_at,"      \
  "   (SELECT e.on_time FROM concern_events e WHERE e.concern_id = c.id AND e.kind = 'resolve'"                 \
  "     ORDER BY e.id DESC LIMIT 1) AS resolve_on_time,"                                                        \
  "   (SELECT COUNT(*) FROM concern_ratings r WHERE r.concern_id = c.id) AS ratings,"                           \
  "   (SELECT COALESCE(SUM(r.stars), 0) FROM concern_ratings r WHERE r.concern_id = c.id) AS stars"             \
  "  FROM concerns c WHERE c.unit_id IN (SELECT id FROM scope)"                                                 \
  "    AND (CAST(:from AS TEXT) IS NULL OR c.created_at >= :from2)"                                             \
  "    AND (CAST(:to AS TEXT) IS NULL OR c.created_at < :to2)) f"
// received, resolved, received on time, resolved on time, rejected, out of scope, duplicate, open, ratings, stars.
#define DANVAN_CONCERN_FIGURE_COLUMNS                                                                            \
  " COUNT(*),"                                                                                                  \
  " CAST(SUM(CASE WHEN f.status IN ('resolved', 'closed') THEN 1 ELSE 0 END) AS BIGINT),"                       \
  " CAST(SUM(CASE WHEN f.received_on_time = 1 THEN 1 ELSE 0 END) AS BIGINT),"                                   \
  " CAST(SUM(CASE WHEN f.status IN ('resolved', 'closed') AND f.resolve_on_time = 1 THEN 1 ELSE 0 END) AS BIGINT)," \
  " CAST(SUM(CASE WHEN f.status = 'rejected' THEN 1 ELSE 0 END) AS BIGINT),"                                    \
  " CAST(SUM(CASE WHEN f.status = 'out_of_scope' THEN 1 ELSE 0 END) AS BIGINT),"                                \
  " CAST(SUM(CASE WHEN f.status = 'duplicate' THEN 1 ELSE 0 END) AS BIGINT),"                                   \
  " CAST(SUM(CASE WHEN f.status IN ('new', 'received', 'assigned', 'in_progress', 'waiting', 'reopened')"      \
  "   THEN 1 ELSE 0 END) AS BIGINT),"                                                                           \
  " CAST(SUM(f.ratings) AS BIGINT), CAST(SUM(f.stars) AS BIGINT)"

//! Figures of concerns per unit they were sent in (the service rolls the units up).
inline constexpr std::string_view kReportConcernsByUnit =
    DANVAN_REPORT_SCOPE " SELECT f.unit_id," DANVAN_CONCERN_FIGURE_COLUMNS DANVAN_CONCERN_FIGURE_SOURCE
    " GROUP BY f.unit_id";

//! Figures of concerns per organisation that owns them now (NULL: nobody yet), with its name.
inline constexpr std::string_view kReportConcernsByOrganisation =
    DANVAN_REPORT_SCOPE " SELECT f.organisation_id, o.name," DANVAN_CONCERN_FIGURE_COLUMNS DANVAN_CONCERN_FIGURE_SOURCE
    " LEFT JOIN organisations o ON o.id = f.organisation_id GROUP BY f.organisation_id, o.name";

//! Figures of concerns per category, with its code and name.
inline constexpr std::string_view kReportConcernsByCategory =
    DANVAN_REPORT_SCOPE " SELECT f.category_id, k.code, k.name," DANVAN_CONCERN_FIGURE_COLUMNS
    DANVAN_CONCERN_FIGURE_SOURCE " JOIN concern_categories k ON k.id = f.category_id GROUP BY f.category_id, k.code, k.name";

//! Figures of concerns per UTC day they were sent and whether at or after 17:00 UTC (already the next day in
//! Vietnam, +07:00): the service makes Vietnamese months of them, whatever the database's time functions.
inline constexpr std::string_view kReportConcernsByDay =
    DANVAN_REPORT_SCOPE
    " SELECT substr(f.created_at, 1, 10), CASE WHEN substr(f.created_at, 12, 2) >= '17' THEN 1 ELSE 0 END,"
    DANVAN_CONCERN_FIGURE_COLUMNS DANVAN_CONCERN_FIGURE_SOURCE " GROUP BY 1, 2";

#undef DANVAN_CONCERN_FIGURE_COLUMNS
#undef DANVAN_CONCERN_FIGURE_SOURCE

}  // namespace danvan::sql
