#pragma once
// Named SQL of the movement: campaigns, models, councils, scores and the secret ballot.

#include <string_view>

namespace danvan::sql {

inline constexpr std::string_view kSelectFields = "SELECT code, name_vi, name_en FROM fields ORDER BY sort_order, code";

inline constexpr std::string_view kInsertCampaign = R"~(
INSERT INTO campaigns (unit_id, movement, title, starts_on, ends_on, launch_document, launch_date,
                       registration_deadline, interim_review_on, final_review_on, pass_score, ballot_threshold, quorum,
                       status, created_at, updated_at)
VALUES (:unit_id, :movement, :title, :starts_on, :ends_on, :launch_document, :launch_date, :deadline, :interim,
        :final, :pass_score, :ballot_threshold, :quorum, :status, :at, :at2)
RETURNING id)~";

#define DANVAN_CAMPAIGN_COLUMNS                                                                                  \
  "id, unit_id, movement, title, starts_on, ends_on, launch_document, launch_date, registration_deadline,"      \
  " interim_review_on, final_review_on, pass_score, ballot_threshold, quorum, status, created_at"

inline constexpr std::string_view kSelectCampaign = "SELECT " DANVAN_CAMPAIGN_COLUMNS " FROM campaigns WHERE id = :id";
inline constexpr std::string_view kSelectCampaigns =
    "SELECT " DANVAN_CAMPAIGN_COLUMNS " FROM campaigns"
    " WHERE CAST(:unit_id AS BIGINT) IS NULL OR unit_id = :unit_id2 ORDER BY starts_on DESC, id DESC LIMIT 500";
#undef DANVAN_CAMPAIGN_COLUMNS

inline constexpr std::string_view kUpdateCampaignStatus = "UPDATE campaigns SET status = :status, updated_at = :at WHERE id = :id";
inline constexpr std::string_view kInsertCampaignField = "INSERT INTO campaign_fields (campaign_id, field_code) VALUES (:c, :f)";
inline constexpr std::string_view kInsertCriterion = R"~(
INSERT INTO campaign_criteria (campaign_id, name, weight, max_score, position) VALUES (:c, :name, :w, :max, :pos)
RETURNING id)~";
inline constexpr std::string_view kInsertLevel = "INSERT INTO campaign_levels (campaign_id, code, name, position) VALUES (:c, :code, :name, :pos)";
inline constexpr std::string_view kInsertQuota = R"~(
INSERT INTO campaign_quotas (campaign_id, organisation_kind, min_models, max_models) VALUES (:c, :kind, :min, :max))~";
inline constexpr std::string_view kInsertLink = "INSERT INTO campaign_links (campaign_id, linked_movement) VALUES (:c, :m)";

// The settings of one campaign in one query: a kind tag, then the columns each kind uses.
inline constexpr std::string_view kSelectCampaignSettings = R"~(
SELECT 'field', field_code, NULL, NULL, NULL, 0, CAST(NULL AS BIGINT) FROM campaign_fields WHERE campaign_id = :c1
UNION ALL SELECT 'criterion', name, NULL, weight, max_score, position, id FROM campaign_criteria WHERE campaign_id = :c2
UNION ALL SELECT 'level', code, name, NULL, NULL, position, NULL FROM campaign_levels WHERE campaign_id = :c3
UNION ALL SELECT 'quota', organisation_kind, NULL, min_models, max_models, 0, NULL FROM campaign_quotas WHERE campaign_id = :c4
UNION ALL SELECT 'link', linked_movement, NULL, NULL, NULL, 0, NULL FROM campaign_links WHERE campaign_id = :c5
ORDER BY 1, 6, 2)~";

inline constexpr std::string_view kUpsertReopening = R"~(
INSERT INTO registration_reopenings (campaign_id, organisation_id, until_date, created_at) VALUES (:c, :o, :until, :at)
ON CONFLICT (campaign_id, organisation_id) DO UPDATE SET until_date = excluded.until_date, created_at = excluded.created_at)~";
inline constexpr std::string_view kSelectReopening = R"~(
SELECT until_date FROM registration_reopenings WHERE campaign_id = :c AND organisation_id = :o)~";

inline constexpr std::string_view kSelectReopenings = R"~(
SELECT organisation_id, until_date FROM registration_reopenings WHERE campaign_id = :c)~";

inline constexpr std::string_view kInsertModel = R"~(
INSERT INTO models (campaign_id, unit_id, kind, subject, field_code, title, title_folded, title_sort,
                    owner_organisation_id, owner_person_id, address, latitude, longitude, description, goals,
                    started_on, status, recognition_level, status_reason, source_model_id, carried_from_id,
                    registered_at, created_at, updated_at)
VALUES (:campaign_id, :unit_id, :kind, :subject, :field, :title, :folded, :sort, :org, :person, :address, :lat, :lng,
        :description, :goals, :started_on, :status, :level, :reason, :source, :carried, :registered_at, :at, :at2)
RETURNING id)~";

inline constexpr std::string_view kInsertIndicator = R"~(
INSERT INTO model_indicators (model_id, name, unit, target, actual, position) VALUES (:m, :name, :unit, :target, :actual, :pos))~";

inline constexpr std::string_view kUpdateModelStatus = R"~(
UPDATE models SET status = :status, recognition_level = :level, status_reason = :reason, registered_at = :registered_at,
                  updated_at = :at WHERE id = :id)~";

#define DANVAN_MODEL_COLUMNS                                                                                     \
  "m.id, m.campaign_id, m.unit_id, m.kind, m.subject, m.field_code, m.title, m.owner_organisation_id,"           \
  " m.owner_person_id, m.address, m.latitude, m.longitude, m.description, m.goals, m.started_on, m.status,"      \
  " m.recognition_level, m.status_reason, m.source_model_id, m.carried_from_id, m.registered_at, m.created_at,"  \
  " m.updated_at"

inline constexpr std::string_view kSelectModel = "SELECT " DANVAN_MODEL_COLUMNS " FROM models m WHERE m.id = :id";

inline constexpr std::string_view kSelectModelsByIdsSqlite =
    "SELECT " DANVAN_MODEL_COLUMNS " FROM models m WHERE m.id IN (SELECT value FROM json_each('[' || :ids || ']'))";
inline constexpr std::string_view kSelectModelsByIdsPostgres =
    "SELECT " DANVAN_MODEL_COLUMNS " FROM models m WHERE m.id = ANY (string_to_array(:ids, ',')::BIGINT[])";

#define DANVAN_MODEL_FILTER                                                                                      \
  " FROM models m JOIN campaigns c ON c.id = m.campaign_id"                                                      \
  " WHERE (CAST(:campaign_id AS BIGINT) IS NULL OR m.campaign_id = :campaign_id2)"                               \
  "   AND (CAST(:unit_id AS BIGINT) IS NULL OR m.unit_id IN (WITH RECURSIVE down (id, depth) AS ("                \
  "       SELECT id, 0 FROM admin_units WHERE id = :unit_id2"                                                    \
  "       UNION ALL SELECT u.id, d.depth + 1 FROM admin_units u JOIN down d ON u.parent_id = d.id WHERE d.depth < 8)" \
  "     SELECT id FROM down))"                                                                                   \
  "   AND (CAST(:status AS TEXT) IS NULL OR m.status = :status2)"                                                \
  "   AND (:recognised_only = 0 OR m.status IN ('recognised', 'carried_over'))"                                  \
  "   AND (CAST(:field AS TEXT) IS NULL OR m.field_code = :field2)"                                              \
  "   AND (CAST(:kind AS TEXT) IS NULL OR m.kind = :kind2)"                                                      \
  "   AND (CAST(:year AS TEXT) IS NULL OR substr(c.starts_on, 1, 4) = :year2)"                                   \
  "   AND (CAST(:org AS BIGINT) IS NULL OR m.owner_organisation_id = :org2)"                                     \
  "   AND (:folded = '' OR m.title_folded LIKE :pattern ESCAPE '!')"

inline constexpr std::string_view kCountModels = "SELECT COUNT(*)" DANVAN_MODEL_FILTER;
inline constexpr std::string_view kSelectModelsPage =
    "SELECT " DANVAN_MODEL_COLUMNS DANVAN_MODEL_FILTER " ORDER BY m.title_sort, m.id LIMIT :limit OFFSET :offset";

inline constexpr std::string_view kSelectDescendants =
    "WITH RECURSIVE lineage (id, depth) AS ("
    "  SELECT id, 1 FROM models WHERE source_model_id = :id"
    "  UNION ALL SELECT m.id, l.depth + 1 FROM models m JOIN lineage l ON m.source_model_id = l.id WHERE l.depth < 16)"
    " SELECT " DANVAN_MODEL_COLUMNS " FROM models m WHERE m.id IN (SELECT id FROM lineage) ORDER BY m.id";

#undef DANVAN_MODEL_FILTER
#undef DANVAN_MODEL_COLUMNS

inline constexpr std::string_view kSelectIndicatorsSqlite = R"~(
SELECT model_id, name, unit, target, actual FROM model_indicators
WHERE model_id IN (SELECT value FROM json_each('[' || :ids || ']')) ORDER BY model_id, position)~";
inline constexpr std::string_view kSelectIndicatorsPostgres = R"~(
SELECT model_id, name, unit, target, actual FROM model_indicators
WHERE model_id = ANY (string_to_array(:ids, ',')::BIGINT[]) ORDER BY model_id, position)~";

inline constexpr std::string_view kCountRegistered = R"~(
SELECT COUNT(*) FROM models WHERE campaign_id = :c AND owner_organisation_id = :o
  AND status NOT IN ('draft', 'stopped'))~";

inline constexpr std::string_view kInsertReport = R"~(
INSERT INTO progress_reports (model_id, kind, body, author, created_at) VALUES (:m, :kind, :body, :author, :at)
RETURNING id)~";
inline constexpr std::string_view kInsertAttachment = R"~(
INSERT INTO attachments (report_id, file_name, media_type, size_bytes, content, thumbnail, width, height, is_public,
                         created_at)
VALUES (:r, :name, :type, :size, :content, :thumbnail, :width, :height, :public, :at)
RETURNING id)~";
inline constexpr std::string_view kSelectReports = R"~(
SELECT id, model_id, kind, body, author, created_at FROM progress_reports WHERE model_id = :m
ORDER BY created_at DESC, id DESC)~";
inline constexpr std::string_view kSelectReportAttachments = R"~(
SELECT a.id, a.report_id, a.file_name, a.media_type, a.size_bytes, a.width, a.height, a.is_public,
       CASE WHEN a.thumbnail IS NULL THEN 0 ELSE 1 END, a.created_at
FROM attachments a JOIN progress_reports r ON r.id = a.report_id WHERE r.model_id = :m ORDER BY a.id)~";
inline constexpr std::string_view kSelectAttachment = R"~(
SELECT a.id, a.report_id, a.file_name, a.media_type, a.size_bytes, a.width, a.height, a.is_public,
       CASE WHEN a.thumbnail IS NULL THEN 0 ELSE 1 END, a.created_at, r.model_id
FROM attachments a JOIN progress_reports r ON r.id = a.report_id WHERE a.id = :id)~";
inline constexpr std::string_view kSelectAttachmentContent = "SELECT content FROM attachments WHERE id = :id";
inline constexpr std::string_view kSelectAttachmentThumbnail = "SELECT thumbnail FROM attachments WHERE id = :id";

inline constexpr std::string_view kInsertCouncil = R"~(
INSERT INTO councils (campaign_id, name, kind, created_at) VALUES (:c, :name, :kind, :at) RETURNING id)~";
inline constexpr std::string_view kInsertCouncilMember = R"~(
INSERT INTO council_members (council_id, user_id, display_name, role) VALUES (:c, :u, :name, :role) RETURNING id)~";
inline constexpr std::string_view kSelectCouncil = "SELECT id, campaign_id, name, kind FROM councils WHERE id = :id";
inline constexpr std::string_view kSelectCouncilMembers = R"~(
SELECT id, council_id, user_id, display_name, role FROM council_members WHERE council_id = :c ORDER BY id)~";

// A campaign's councils and their members, and its sessions: three queries for the whole campaign.
inline constexpr std::string_view kSelectCampaignCouncils = R"~(
SELECT id, campaign_id, name, kind FROM councils WHERE campaign_id = :c ORDER BY id)~";
inline constexpr std::string_view kSelectCampaignCouncilMembers = R"~(
SELECT m.id, m.council_id, m.user_id, m.display_name, m.role
FROM council_members m JOIN councils c ON c.id = m.council_id WHERE c.campaign_id = :c ORDER BY m.id)~";
inline constexpr std::string_view kSelectCampaignSessions = R"~(
SELECT s.id, s.council_id, s.held_on, s.status, s.closed_at
FROM council_sessions s JOIN councils c ON c.id = s.council_id WHERE c.campaign_id = :c ORDER BY s.held_on DESC, s.id DESC)~";

inline constexpr std::string_view kInsertCouncilSession = R"~(
INSERT INTO council_sessions (council_id, held_on, status, created_at) VALUES (:c, :held_on, 'open', :at) RETURNING id)~";
inline constexpr std::string_view kInsertAttendance = "INSERT INTO session_attendance (session_id, member_id) VALUES (:s, :m)";
inline constexpr std::string_view kInsertSessionModel = "INSERT INTO session_models (session_id, model_id) VALUES (:s, :m)";
inline constexpr std::string_view kInsertTally = "INSERT INTO ballot_tallies (session_id, model_id) VALUES (:s, :m)";
inline constexpr std::string_view kSelectCouncilSession = R"~(
SELECT id, council_id, held_on, status, closed_at FROM council_sessions WHERE id = :id)~";
inline constexpr std::string_view kSelectAttendance = "SELECT member_id FROM session_attendance WHERE session_id = :s ORDER BY member_id";
inline constexpr std::string_view kSelectSessionModels = R"~(
SELECT model_id, total, outcome, level, reason FROM session_models WHERE session_id = :s ORDER BY model_id)~";
inline constexpr std::string_view kUpdateSessionStatus = "UPDATE council_sessions SET status = :status, closed_at = :closed_at WHERE id = :id";
inline constexpr std::string_view kUpdateSessionModel = R"~(
UPDATE session_models SET total = :total, outcome = :outcome, level = :level, reason = :reason
WHERE session_id = :s AND model_id = :m)~";

inline constexpr std::string_view kUpsertScore = R"~(
INSERT INTO scores (session_id, model_id, member_id, criterion_id, score) VALUES (:s, :m, :member, :c, :score)
ON CONFLICT (session_id, model_id, member_id, criterion_id) DO UPDATE SET score = excluded.score)~";
inline constexpr std::string_view kSelectScores = R"~(
SELECT model_id, member_id, criterion_id, score FROM scores WHERE session_id = :s ORDER BY model_id, member_id, criterion_id)~";

inline constexpr std::string_view kInsertVoter = R"~(
INSERT INTO ballot_voters (session_id, model_id, member_id) VALUES (:s, :m, :member) ON CONFLICT DO NOTHING
RETURNING member_id)~";
inline constexpr std::string_view kCountVoter = R"~(
SELECT COUNT(*) FROM ballot_voters WHERE session_id = :s AND model_id = :m AND member_id = :member)~";
inline constexpr std::string_view kAddAgree = "UPDATE ballot_tallies SET agree = agree + 1 WHERE session_id = :s AND model_id = :m";
inline constexpr std::string_view kAddDisagree = "UPDATE ballot_tallies SET disagree = disagree + 1 WHERE session_id = :s AND model_id = :m";
inline constexpr std::string_view kAddAbstain = "UPDATE ballot_tallies SET abstain = abstain + 1 WHERE session_id = :s AND model_id = :m";
inline constexpr std::string_view kSelectTally = R"~(
SELECT agree, disagree, abstain FROM ballot_tallies WHERE session_id = :s AND model_id = :m)~";
inline constexpr std::string_view kSelectVoters = R"~(
SELECT member_id FROM ballot_voters WHERE session_id = :s AND model_id = :m ORDER BY member_id)~";

}  // namespace danvan::sql
