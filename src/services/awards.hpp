#pragma once
//! Commendation use cases: award types and bonuses, issuers, proposals through their lifecycle with their
//! dossier, decisions numbered per issuer and year, certificates and their revocation, the signing keys, and the
//! ceremony with its program and calendar entry.

#include "core/error.hpp"
#include "core/time.hpp"
#include "documents/pdf/certificate.hpp"
#include "domain/credential.hpp"
#include "services/audit.hpp"
#include "services/caller.hpp"
#include "services/list_export.hpp"
#include "storage/award_repository.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

#include <boost/json/object.hpp>

#include <functional>

namespace danvan {

struct AwardTypeInput {
  std::string code, name, issuer_kind, subject, legal_basis;
  double bonus_coefficient = 0;
};

struct IssuerInput {
  int64_t unit_id = 0;
  std::optional<int64_t> organisation_id;
  std::string name, kind, document_format, symbol, place;
};

struct NomineeInput {
  int64_t award_type_id = 0;
  std::optional<int64_t> model_id;         //!< a recognised model or exemplar: subject, owner and name come from it
  std::optional<int64_t> organisation_id;  //!< or directly a collective
  std::optional<int64_t> person_id;        //!< or an individual
  std::string name;                        //!< defaults to the owner's name
  std::string achievement;
};

struct ProposalInput {
  int64_t unit_id = 0;
  int64_t issuer_id = 0;
  std::optional<int64_t> campaign_id;
  std::optional<int> year;  //!< defaults to the campaign's year, else this year
  std::string title;
  std::vector<NomineeInput> nominees;
};

struct PartInput {
  std::string kind = "attachment";
  std::string title;
  std::optional<int64_t> attachment_id;  //!< evidence already attached to a nominee's progress report
  std::string file_name;
  std::optional<std::string> bytes;  //!< an uploaded file
};

struct DecisionInput {
  int64_t proposal_id = 0;
  std::string decided_on;
  std::string summary;  //!< "Về việc ..."; a default from the proposal's title
  std::vector<std::string> legal_bases;
  std::string executors, recipients;
  std::string signer_capacity, signer_title, signer_name;
};

//! The decision's own fields (date, signer), checked before any database work; the decision date.
Result<Date> CheckDecisionInput(const DecisionInput& in);

struct SegmentInput {
  std::string kind, title, presenter_name, presenter_title;
  std::optional<int64_t> presenter_person_id;
  std::optional<int64_t> decision_id;
  std::vector<int64_t> recipient_ids;  //!< beneficiaries in stage order; empty = all of the decision, in its order
};

struct EventInput {
  int64_t unit_id = 0;
  std::string title, held_on, start_time, end_time, place, description;  //!< times "08:00" in Vietnam
  std::vector<SegmentInput> segments;
};

//! What commendation needs from the deployment.
struct AwardSettings {
  //! The public address of the service (config server.public_url): certificates' QR codes lead to
  //! {public_url}/verify/{public_id}.
  std::string public_url = "http://127.0.0.1:8080";
};

//! A certificate's credential as issued: the compact JWS and what it says.
struct SignedCredential {
  std::string public_id;
  std::string jws;             //!< "header.payload.signature", EdDSA
  std::string key_id;          //!< the JWK "kid" of the key that signed it
  boost::json::object payload; //!< the decoded credential (Open Badges 3.0) with its JWT claims
};

//! What the public verification page shows: the certificate, its decision, and whether its stored signature
//! verifies against the published key. No personal data beyond what the certificate itself prints.
struct PublicVerification {
  CertificateRow certificate;
  std::string signer_title, signer_name;
  bool signature_valid = false;
  std::string key_id;
};

//! The certificates of a decision, ready to print (services/awards_documents.cpp).
struct CertificateBatch {
  int64_t decision_id = 0;
  int64_t unit_id = 0;
  std::string decision_symbol;
  std::vector<documents::CertificateDocument> certificates;  //!< in the decision's order
};

//! The generated parts of a proposal's dossier.
enum class DossierDocument { kSubmission, kAchievements, kMinutes };

//! A bonus as it would be computed on a date.
struct BonusQuote {
  BaseSalary base_salary;
  int64_t rounding = 1;
  std::optional<AwardType> award_type;
  std::optional<int64_t> amount;
};

class AwardService {
 public:
  AwardService(Database& db, Repositories& repos, AwardRepository& awards, AuditLog& audit, const Clock& clock,
               AwardSettings settings = {})
      : db_(db), repos_(repos), awards_(awards), audit_(audit), clock_(clock), settings_(std::move(settings)) {}

  const AwardSettings& settings() const { return settings_; }

  Result<std::vector<AwardType>> AwardTypes();
  //! System administrators only: award types are national reference data.
  Result<AwardType> CreateAwardType(const Caller& caller, const AwardTypeInput& input);
  //! The base salary in force on `on` and, for an award type, its bonus.
  Result<BonusQuote> QuoteBonus(const std::string& on, std::optional<int64_t> award_type_id);

  Result<std::vector<Issuer>> Issuers(std::optional<int64_t> unit_id);
  Result<Issuer> CreateIssuer(const Caller& caller, const IssuerInput& input);

  Result<Proposal> CreateProposal(const Caller& caller, const ProposalInput& input);
  Result<Proposal> GetProposal(const Caller& caller, int64_t id);
  Result<Page<Proposal>> ListProposals(const Caller& caller, ProposalQuery query);
  //! Every proposal the query matches (its limit and offset aside), as a spreadsheet (list_export.hpp).
  Result<ExportFile> ExportProposals(const Caller& caller, ProposalQuery query);
  //! submit, accept, record_vote (with the council session whose ballot it records), forward, return (reason).
  Result<Proposal> Transition(const Caller& caller, int64_t id, const std::string& action, const std::string& reason,
                              std::optional<int64_t> council_session_id);
  Result<DossierPart> AddPart(const Caller& caller, int64_t proposal_id, const PartInput& input);

  //! The signer decides a proposal awaiting signature: the next number of the issuer's series, the
  //! beneficiaries with their bonuses, one certificate each.
  Result<Decision> IssueDecision(const Caller& caller, const DecisionInput& input);
  Result<Decision> GetDecision(const Caller& caller, int64_t id);
  Result<Page<Decision>> ListDecisions(const Caller& caller, DecisionQuery query);
  //! Every decision the query matches, as a spreadsheet with the award amounts in đồng (list_export.hpp).
  Result<ExportFile> ExportDecisions(const Caller& caller, DecisionQuery query);
  //! Revokes the decision, its certificates and its proposal.
  Result<Decision> RevokeDecision(const Caller& caller, int64_t id, const std::string& on, const std::string& reason);

  Result<std::vector<CertificateRow>> ListCertificates(const Caller& caller, std::optional<int64_t> decision_id,
                                                       std::optional<int64_t> unit_id, int64_t limit, int64_t offset);
  //! Every certificate ListCertificates shows for these filters, as a spreadsheet (list_export.hpp).
  Result<ExportFile> ExportCertificates(const Caller& caller, std::optional<int64_t> decision_id,
                                        std::optional<int64_t> unit_id);
  Result<CertificateRow> GetCertificate(const Caller& caller, int64_t id);

  //! The active Ed25519 key, created when there is none (first start).
  Result<SigningKey> EnsureSigningKey();
  //! Retires the active key and creates a new one; system administrators only.
  Result<SigningKey> RotateSigningKey(const Caller& caller);
  //! Every key, active and retired, as a JWK Set (RFC 7517, OKP/Ed25519).
  Result<boost::json::object> Jwks();

  // ---- Signed credentials and verification (services/awards_credentials.cpp) ----

  //! The certificate's credential, signed when its decision was issued: the same bytes every time; whoever reads
  //! the certificate.
  Result<SignedCredential> Credential(const Caller& caller, int64_t certificate_id);
  //! What anyone may know of a certificate by its public id, its stored signature checked against the published
  //! keys; certificate_unknown (404) for an id nobody issued.
  Result<PublicVerification> VerifyPublicId(const std::string& public_id);
  //! The keys as published (no secrets), oldest first: what credentials are verified against.
  Result<std::vector<PublishedKey>> PublishedKeys();

  Result<Event> CreateEvent(const Caller& caller, const EventInput& input);
  Result<Event> GetEvent(int64_t id);
  Result<std::vector<Event>> ListEvents(std::optional<int64_t> unit_id);
  Result<std::string> Calendar(int64_t id);

  // ---- Documents (services/awards_documents.cpp): rendered after the read transaction ----

  //! The decision as A4 PDF in its issuer's format, with the annex; whoever reads the decision.
  Result<std::string> DecisionPdf(const Caller& caller, int64_t id);
  //! The decision that `input` would issue, with a blank number; nothing is written. Whoever may issue it, and the
  //! same validation as issuing.
  Result<std::string> PreviewDecisionPdf(const Caller& caller, const DecisionInput& input);
  //! One certificate, landscape A4, its QR code leading to {public_url}/verify/{public_id}; whoever reads it.
  Result<std::string> CertificatePdf(const Caller& caller, int64_t id);
  //! Every certificate of a decision, for printing (PrintJobs renders them); whoever reads the decision.
  Result<CertificateBatch> CertificatesToPrint(const Caller& caller, int64_t decision_id);
  //! Whether the caller reads the decisions of the unit (a print job's readers besides its creator): any grant on it.
  bool ReadsDecisionsOf(const Caller& caller, int64_t unit_id);
  //! A generated part of a proposal's dossier; whoever reads the proposal (the minutes: as the session's minutes).
  Result<std::string> DossierPdf(const Caller& caller, int64_t proposal_id, DossierDocument part);
  //! The ceremony's program; public like the event.
  Result<std::string> ProgramPdf(int64_t event_id);

 private:
  bool Has(Tx& tx, const Caller& caller, Permission permission, int64_t unit_id);
  bool IsMemberOf(Tx& tx, const Caller& caller, int64_t unit_id);
  Status CheckListScope(Tx& tx, const Caller& caller, std::optional<int64_t> unit_id);
  Result<Proposal> VisibleProposal(Tx& tx, const Caller& caller, int64_t id);
  Result<Decision> VisibleDecision(Tx& tx, const Caller& caller, int64_t id);
  //! The active signing key; the first one is made here when there is none yet (a bootstrap, not audited).
  SigningKey ActiveSigningKey(Tx& tx);
  //! Signs each certificate of a decision being issued with the active key: its credential in `signature`.
  std::function<void(Certificate&, const Beneficiary&)> CertificateSigner(Tx& tx, const Decision& d, const Issuer& issuer);
  //! The decision `in` would make, checked as issuing checks it (permission, lifecycle, dates), without a number.
  struct Draft {
    Proposal proposal;
    Issuer issuer;
    ProposalStatus to = ProposalStatus::kDecided;
    Decision decision;  //!< beneficiaries with their bonuses; no number, symbol or id
  };
  Result<Draft> DraftDecision(Tx& tx, const Caller& caller, const DecisionInput& in, const Date& decided_on,
                              const std::string& now);
  Result<Nominee> BuildNominee(Tx& tx, const NomineeInput& in, const Proposal& p, const std::vector<AwardType>& types,
                               const Issuer& issuer);

  Database& db_;
  Repositories& repos_;
  AwardRepository& awards_;
  AuditLog& audit_;
  const Clock& clock_;
  AwardSettings settings_;
};

Error ProposalNotFound();
Error DecisionNotFound();
Error CertificateNotFound();
Error EventNotFound();

}  // namespace danvan
