#pragma once
// Named SQL of commendation: award types, base salaries, issuers and number series, proposals, decisions,
// certificates, signing keys and events.

#include <string_view>

namespace danvan::sql {

#define DANVAN_AWARD_TYPE_COLUMNS "id, code, name, issuer_kind, subject, legal_basis, bonus_coefficient, created_at"
inline constexpr std::string_view kSelectAwardTypes =
    "SELECT " DANVAN_AWARD_TYPE_COLUMNS " FROM award_types ORDER BY issuer_kind, subject, id";
inline constexpr std::string_view kSelectAwardTypesByIdsSqlite =
    "SELECT " DANVAN_AWARD_TYPE_COLUMNS " FROM award_types WHERE id IN (SELECT value FROM json_each('[' || :ids || ']'))";
inline constexpr std::string_view kSelectAwardTypesByIdsPostgres =
    "SELECT " DANVAN_AWARD_TYPE_COLUMNS " FROM award_types WHERE id = ANY (string_to_array(:ids, ',')::BIGINT[])";
#undef DANVAN_AWARD_TYPE_COLUMNS
inline constexpr std::string_view kInsertAwardType = R"~(
INSERT INTO award_types (code, name, issuer_kind, subject, legal_basis, bonus_coefficient, created_at)
VALUES (:code, :name, :issuer_kind, :subject, :legal_basis, :coefficient, :at) RETURNING id)~";

inline constexpr std::string_view kSelectBaseSalaries =
    "SELECT effective_from, amount, legal_basis FROM base_salaries ORDER BY effective_from";
inline constexpr std::string_view kSelectAwardSetting = "SELECT value FROM award_settings WHERE key = :key";

#define DANVAN_ISSUER_COLUMNS "id, unit_id, organisation_id, name, kind, document_format, symbol, place, created_at"
inline constexpr std::string_view kInsertIssuer = R"~(
INSERT INTO issuers (unit_id, organisation_id, name, kind, document_format, symbol, place, created_at)
VALUES (:unit_id, :org, :name, :kind, :format, :symbol, :place, :at) RETURNING id)~";
inline constexpr std::string_view kSelectIssuer = "SELECT " DANVAN_ISSUER_COLUMNS " FROM issuers WHERE id = :id";
inline constexpr std::string_view kSelectIssuers =
    "SELECT " DANVAN_ISSUER_COLUMNS " FROM issuers"
    " WHERE CAST(:unit_id AS BIGINT) IS NULL OR unit_id = :unit_id2 ORDER BY unit_id, id LIMIT 500";
#undef DANVAN_ISSUER_COLUMNS

// The unit given and every unit below it (depth-capped like the movement's lists).
#define DANVAN_AWARD_SUBTREE(column, param)                                                                     \
  " (CAST(:" param " AS BIGINT) IS NULL OR " column " IN (WITH RECURSIVE down (id, depth) AS ("                 \
  "   SELECT id, 0 FROM admin_units WHERE id = :" param "2"                                                     \
  "   UNION ALL SELECT u.id, d.depth + 1 FROM admin_units u JOIN down d ON u.parent_id = d.id WHERE d.depth < 8)" \
  " SELECT id FROM down))"

inline constexpr std::string_view kInsertProposal = R"~(
INSERT INTO proposals (unit_id, issuer_id, campaign_id, council_session_id, year, title, status, status_reason,
                       created_by, created_at, updated_at)
VALUES (:unit_id, :issuer_id, :campaign_id, :session_id, :year, :title, :status, :reason, :by, :at, :at2)
RETURNING id)~";
inline constexpr std::string_view kInsertNominee = R"~(
INSERT INTO proposal_nominees (proposal_id, position, award_type_id, subject, model_id, organisation_id, person_id,
                               name, achievement)
VALUES (:p, :pos, :type, :subject, :model, :org, :person, :name, :achievement) RETURNING id)~";
#define DANVAN_PROPOSAL_COLUMNS                                                                                  \
  "id, unit_id, issuer_id, campaign_id, council_session_id, year, title, status, status_reason, created_by,"     \
  " created_at, updated_at"
inline constexpr std::string_view kSelectProposal = "SELECT " DANVAN_PROPOSAL_COLUMNS " FROM proposals WHERE id = :id";
#define DANVAN_PROPOSAL_FILTER                                                                                   \
  " FROM proposals WHERE" DANVAN_AWARD_SUBTREE("unit_id", "unit_id")                                            \
  " AND (CAST(:status AS TEXT) IS NULL OR status = :status2)"                                                    \
  " AND (CAST(:year AS BIGINT) IS NULL OR year = :year2)"
inline constexpr std::string_view kCountProposals = "SELECT COUNT(*)" DANVAN_PROPOSAL_FILTER;
inline constexpr std::string_view kSelectProposalsPage =
    "SELECT " DANVAN_PROPOSAL_COLUMNS DANVAN_PROPOSAL_FILTER " ORDER BY id DESC LIMIT :limit OFFSET :offset";
#undef DANVAN_PROPOSAL_FILTER
#undef DANVAN_PROPOSAL_COLUMNS
inline constexpr std::string_view kSelectNominees = R"~(
SELECT id, proposal_id, award_type_id, subject, model_id, organisation_id, person_id, name, achievement
FROM proposal_nominees WHERE proposal_id = :p ORDER BY position, id)~";
inline constexpr std::string_view kUpdateProposalStatus = R"~(
UPDATE proposals SET status = :status, status_reason = :reason, council_session_id = :session_id, updated_at = :at
WHERE id = :id)~";

inline constexpr std::string_view kInsertAwardClaim = R"~(
INSERT INTO award_claims (model_id, nominee_id) VALUES (:m, :n) ON CONFLICT DO NOTHING RETURNING model_id)~";
inline constexpr std::string_view kSelectAwardClaim = R"~(
SELECT c.model_id, p.id, p.title, d.symbol, i.name
FROM award_claims c JOIN proposal_nominees n ON n.id = c.nominee_id JOIN proposals p ON p.id = n.proposal_id
JOIN issuers i ON i.id = p.issuer_id LEFT JOIN decisions d ON d.proposal_id = p.id
WHERE c.model_id = :m)~";

inline constexpr std::string_view kInsertProposalPart = R"~(
INSERT INTO proposal_parts (proposal_id, kind, origin, title, attachment_id, file_name, media_type, size_bytes, content,
                            created_at)
VALUES (:p, :kind, :origin, :title, :attachment, :file_name, :media_type, :size, :content, :at) RETURNING id)~";
inline constexpr std::string_view kSelectProposalParts = R"~(
SELECT id, proposal_id, kind, origin, title, attachment_id, file_name, media_type, size_bytes,
       CASE WHEN content IS NULL THEN 0 ELSE 1 END, created_at
FROM proposal_parts WHERE proposal_id = :p ORDER BY id)~";
inline constexpr std::string_view kSelectProposalPartContent = "SELECT content FROM proposal_parts WHERE id = :id";

// Gap-free numbering: the series row is created or incremented in the issuing transaction and stays locked
// (PostgreSQL row lock; SQLite's write lock) until it commits or rolls back.
inline constexpr std::string_view kNextDecisionNumber = R"~(
INSERT INTO decision_series (issuer_id, year, last_number) VALUES (:issuer, :year, 1)
ON CONFLICT (issuer_id, year) DO UPDATE SET last_number = decision_series.last_number + 1
RETURNING last_number)~";

inline constexpr std::string_view kInsertDecision = R"~(
INSERT INTO decisions (unit_id, issuer_id, proposal_id, year, number, symbol, decided_on, place, summary, legal_bases,
                       executors, recipients, signer_capacity, signer_title, signer_name, base_salary, status,
                       issued_by, created_at)
VALUES (:unit_id, :issuer_id, :proposal_id, :year, :number, :symbol, :decided_on, :place, :summary, :legal_bases,
        :executors, :recipients, :capacity, :signer_title, :signer_name, :base_salary, 'issued', :by, :at)
RETURNING id)~";
inline constexpr std::string_view kInsertBeneficiary = R"~(
INSERT INTO decision_beneficiaries (decision_id, nominee_id, position, award_type_id, subject, model_id,
                                    organisation_id, person_id, name, achievement, coefficient, amount)
VALUES (:d, :nominee, :pos, :type, :subject, :model, :org, :person, :name, :achievement, :coefficient, :amount)
RETURNING id)~";
#define DANVAN_DECISION_COLUMNS                                                                                  \
  "id, unit_id, issuer_id, proposal_id, year, number, symbol, decided_on, place, summary, legal_bases, executors," \
  " recipients, signer_capacity, signer_title, signer_name, base_salary, status, revoked_on, revocation_reason,"  \
  " issued_by, created_at"
inline constexpr std::string_view kSelectDecision = "SELECT " DANVAN_DECISION_COLUMNS " FROM decisions WHERE id = :id";
inline constexpr std::string_view kSelectDecisionOfProposal =
    "SELECT " DANVAN_DECISION_COLUMNS " FROM decisions WHERE proposal_id = :p";
#define DANVAN_DECISION_FILTER                                                                                   \
  " FROM decisions WHERE" DANVAN_AWARD_SUBTREE("unit_id", "unit_id")                                            \
  " AND (CAST(:issuer AS BIGINT) IS NULL OR issuer_id = :issuer2)"                                               \
  " AND (CAST(:year AS BIGINT) IS NULL OR year = :year2)"
inline constexpr std::string_view kCountDecisions = "SELECT COUNT(*)" DANVAN_DECISION_FILTER;
inline constexpr std::string_view kSelectDecisionsPage =
    "SELECT " DANVAN_DECISION_COLUMNS DANVAN_DECISION_FILTER
    " ORDER BY decided_on DESC, issuer_id, number DESC LIMIT :limit OFFSET :offset";
#undef DANVAN_DECISION_FILTER
#undef DANVAN_DECISION_COLUMNS
inline constexpr std::string_view kSelectBeneficiaries = R"~(
SELECT b.id, b.decision_id, b.nominee_id, b.award_type_id, b.subject, b.model_id, b.organisation_id, b.person_id,
       b.name, b.achievement, b.coefficient, b.amount, c.id, c.public_id
FROM decision_beneficiaries b LEFT JOIN certificates c ON c.beneficiary_id = b.id
WHERE b.decision_id = :d ORDER BY b.position, b.id)~";
inline constexpr std::string_view kRevokeDecision = R"~(
UPDATE decisions SET status = 'revoked', revoked_on = :on, revocation_reason = :reason WHERE id = :id)~";

inline constexpr std::string_view kInsertCertificate = R"~(
INSERT INTO certificates (public_id, decision_id, beneficiary_id, status, issued_at, signature, key_id)
VALUES (:public_id, :d, :b, 'valid', :at, :signature, :key_id) RETURNING id)~";
inline constexpr std::string_view kRevokeCertificates = R"~(
UPDATE certificates SET status = 'revoked', revoked_on = :on, revocation_reason = :reason
WHERE decision_id = :d AND status = 'valid')~";
#define DANVAN_CERTIFICATE_SELECT                                                                                \
  "SELECT c.id, c.public_id, c.decision_id, c.beneficiary_id, c.status, c.revoked_on, c.revocation_reason,"     \
  " c.signature, c.key_id, c.issued_at, d.unit_id, b.name, b.achievement, t.name, d.symbol, d.decided_on, i.name" \
  " FROM certificates c JOIN decisions d ON d.id = c.decision_id"                                               \
  " JOIN decision_beneficiaries b ON b.id = c.beneficiary_id JOIN award_types t ON t.id = b.award_type_id"      \
  " JOIN issuers i ON i.id = d.issuer_id"
inline constexpr std::string_view kSelectCertificate = DANVAN_CERTIFICATE_SELECT " WHERE c.id = :id";
inline constexpr std::string_view kSelectCertificateByPublicId = DANVAN_CERTIFICATE_SELECT " WHERE c.public_id = :public_id";
inline constexpr std::string_view kSelectCertificates =
    DANVAN_CERTIFICATE_SELECT " WHERE (CAST(:d AS BIGINT) IS NULL OR c.decision_id = :d2) AND"
    DANVAN_AWARD_SUBTREE("d.unit_id", "unit_id") " ORDER BY c.decision_id DESC, b.position, c.id LIMIT :limit OFFSET :offset";
#undef DANVAN_CERTIFICATE_SELECT

inline constexpr std::string_view kSelectSigningKeys = R"~(
SELECT id, public_key, secret_key, status, created_at, retired_at FROM signing_keys ORDER BY created_at, id)~";
inline constexpr std::string_view kInsertSigningKey = R"~(
INSERT INTO signing_keys (id, algorithm, public_key, secret_key, status, created_at)
VALUES (:id, 'EdDSA', :public_key, :secret_key, 'active', :at))~";
inline constexpr std::string_view kRetireSigningKey =
    "UPDATE signing_keys SET status = 'retired', retired_at = :at WHERE id = :id AND status = 'active'";

inline constexpr std::string_view kInsertEvent = R"~(
INSERT INTO events (unit_id, title, held_on, starts_at, ends_at, place, description, created_at)
VALUES (:unit_id, :title, :held_on, :starts_at, :ends_at, :place, :description, :at) RETURNING id)~";
inline constexpr std::string_view kInsertSegment = R"~(
INSERT INTO event_segments (event_id, position, kind, title, presenter_person_id, presenter_name, presenter_title,
                            decision_id)
VALUES (:e, :pos, :kind, :title, :person, :presenter, :presenter_title, :decision) RETURNING id)~";
inline constexpr std::string_view kInsertSegmentRecipient = R"~(
INSERT INTO segment_recipients (segment_id, beneficiary_id, stage_order) VALUES (:s, :b, :o))~";
#define DANVAN_EVENT_COLUMNS "id, unit_id, title, held_on, starts_at, ends_at, place, description, created_at"
inline constexpr std::string_view kSelectEvent = "SELECT " DANVAN_EVENT_COLUMNS " FROM events WHERE id = :id";
inline constexpr std::string_view kSelectEvents =
    "SELECT " DANVAN_EVENT_COLUMNS " FROM events WHERE" DANVAN_AWARD_SUBTREE("unit_id", "unit_id")
    " ORDER BY held_on DESC, id DESC LIMIT 500";
#undef DANVAN_EVENT_COLUMNS
inline constexpr std::string_view kSelectSegments = R"~(
SELECT id, position, kind, title, presenter_person_id, presenter_name, presenter_title, decision_id
FROM event_segments WHERE event_id = :e ORDER BY position, id)~";
inline constexpr std::string_view kSelectSegmentRecipients = R"~(
SELECT r.segment_id, r.beneficiary_id, r.stage_order, b.name
FROM segment_recipients r JOIN event_segments s ON s.id = r.segment_id
JOIN decision_beneficiaries b ON b.id = r.beneficiary_id
WHERE s.event_id = :e ORDER BY r.segment_id, r.stage_order)~";

#undef DANVAN_AWARD_SUBTREE

}  // namespace danvan::sql
