#pragma once
// The scope of a report or a plan's counts, as a recursive CTE shared by reports_sql.hpp and plans_sql.hpp.
// Its parameters come first in every statement that uses it: :unit, :roll_up, :as_of.

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
