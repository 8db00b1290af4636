#pragma once
// SQL of the reports: counts per unit over a unit's subtree, optionally widened to every unit that became part
// of it (successions in force on a date). The same text on SQLite and PostgreSQL.

#include <string_view>

namespace danvan::sql {

// The units whose records a report covers: the unit, the units below it and, when :roll_up = 1, every unit
// that became (part of) one of them by a succession in force on :as_of, and the units below those.
#define DANVAN_REPORT_SCOPE                                                                                      \
  "WITH RECURSIVE scope (id, depth) AS ("                                                                       \
  "  SELECT id, 0 FROM admin_units WHERE id = :unit"                                                            \
  "  UNION ALL SELECT e.id, s.depth + 1 FROM scope s JOIN ("                                                    \
  "    SELECT id, parent_id AS into_id FROM admin_units WHERE parent_id IS NOT NULL"                            \
  "    UNION ALL SELECT from_unit_id, to_unit_id FROM unit_successions"                                         \
  "      WHERE :roll_up = 1 AND effective_date <= :as_of"                                                       \
  "  ) e ON e.into_id = s.id WHERE s.depth < 16)"

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

//! Valid certificates per unit of the decisions that gave them, decided in :year (all years when NULL).
inline constexpr std::string_view kReportCertificateCounts =
    DANVAN_REPORT_SCOPE
    " SELECT d.unit_id, COUNT(*) FROM certificates ct JOIN decisions d ON d.id = ct.decision_id"
    " WHERE ct.status = 'valid' AND d.unit_id IN (SELECT id FROM scope)"
    "   AND (CAST(:year AS BIGINT) IS NULL OR d.year = :year2)"
    " GROUP BY d.unit_id";

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

#undef DANVAN_REPORT_SCOPE

}  // namespace danvan::sql
