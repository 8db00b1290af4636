#pragma once
//! The commendation aggregate's repository: award types, base salaries, issuers and their number series,
//! proposals, decisions, certificates, signing keys and events. One SOCI implementation for both databases.

#include "domain/awards.hpp"
#include "storage/database.hpp"
#include "storage/repositories.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace danvan {

//! Who already claims a model for an award: the first proposal and, once decided, its decision.
struct AwardClaim {
  int64_t model_id = 0;
  int64_t proposal_id = 0;
  std::string proposal_title;
  std::optional<std::string> decision_symbol;
  std::string issuer_name;
};

struct ProposalQuery {
  std::optional<int64_t> unit_id;  //!< the unit and every unit below it
  std::optional<ProposalStatus> status;
  std::optional<int> year;
  int64_t limit = 50;
  int64_t offset = 0;
};

struct DecisionQuery {
  std::optional<int64_t> unit_id;  //!< the unit and every unit below it
  std::optional<int64_t> issuer_id;
  std::optional<int> year;
  int64_t limit = 50;
  int64_t offset = 0;
};

//! A certificate with what is printed on it.
struct CertificateRow {
  Certificate certificate;
  int64_t unit_id = 0;
  std::string beneficiary_name;
  std::string achievement;
  std::string award_type_name;
  std::string decision_symbol;
  Date decided_on;
  std::string issuer_name;
};

struct SigningKey {
  std::string id;  //!< the JWK "kid"
  std::string public_key;  //!< base64url, 32 bytes
  std::string secret_key;  //!< base64url, libsodium's 64-byte secret key
  std::string status;      //!< active | retired
  std::string created_at;
  std::optional<std::string> retired_at;
};

class AwardRepository {
 public:
  virtual ~AwardRepository() = default;

  virtual std::vector<AwardType> AwardTypes(Tx& tx) = 0;
  virtual std::vector<AwardType> FindAwardTypes(Tx& tx, const std::vector<int64_t>& ids) = 0;
  virtual int64_t InsertAwardType(Tx& tx, const AwardType& t) = 0;
  virtual std::vector<BaseSalary> BaseSalaries(Tx& tx) = 0;
  virtual std::optional<std::string> Setting(Tx& tx, const std::string& key) = 0;

  virtual int64_t InsertIssuer(Tx& tx, const Issuer& issuer) = 0;
  virtual std::optional<Issuer> FindIssuer(Tx& tx, int64_t id) = 0;
  virtual std::vector<Issuer> ListIssuers(Tx& tx, std::optional<int64_t> unit_id) = 0;

  //! Inserts the proposal with its nominees; fills their ids.
  virtual int64_t InsertProposal(Tx& tx, Proposal& p) = 0;
  //! The proposal with its nominees and the metadata of its dossier: three queries.
  virtual std::optional<Proposal> FindProposal(Tx& tx, int64_t id) = 0;
  //! Two queries; nominees and parts are not loaded.
  virtual Page<Proposal> ListProposals(Tx& tx, const ProposalQuery& q) = 0;
  virtual void UpdateProposalStatus(Tx& tx, const Proposal& p) = 0;

  //! Claims a model for a nominee; false when another nominee claims it already.
  virtual bool ClaimModel(Tx& tx, int64_t model_id, int64_t nominee_id) = 0;
  virtual std::optional<AwardClaim> FindClaim(Tx& tx, int64_t model_id) = 0;

  virtual int64_t InsertPart(Tx& tx, const DossierPart& part, const std::optional<std::string>& content) = 0;
  virtual std::optional<std::string> PartContent(Tx& tx, int64_t part_id) = 0;

  //! The next number of the issuer's series for the year, taken inside the caller's transaction: the row stays
  //! locked until it ends, so concurrent issuers wait and numbers stay gap-free.
  virtual int NextDecisionNumber(Tx& tx, int64_t issuer_id, int year) = 0;
  //! Inserts the decision and its beneficiaries; fills their ids.
  virtual int64_t InsertDecision(Tx& tx, Decision& d) = 0;
  //! The decision with its beneficiaries and their certificates: two queries.
  virtual std::optional<Decision> FindDecision(Tx& tx, int64_t id) = 0;
  virtual std::optional<Decision> FindDecisionOfProposal(Tx& tx, int64_t proposal_id) = 0;
  //! Two queries; beneficiaries are not loaded.
  virtual Page<Decision> ListDecisions(Tx& tx, const DecisionQuery& q) = 0;
  virtual void RevokeDecision(Tx& tx, int64_t id, const Date& on, const std::string& reason) = 0;

  virtual int64_t InsertCertificate(Tx& tx, const Certificate& c) = 0;
  //! Revokes every valid certificate of a decision; returns how many.
  virtual int RevokeCertificatesOf(Tx& tx, int64_t decision_id, const Date& on, const std::string& reason) = 0;
  virtual std::optional<CertificateRow> FindCertificate(Tx& tx, int64_t id) = 0;
  //! The certificate a QR code or a credential names.
  virtual std::optional<CertificateRow> FindCertificateByPublicId(Tx& tx, const std::string& public_id) = 0;
  //! Certificates of a decision, or of a unit's subtree; one query.
  virtual std::vector<CertificateRow> ListCertificates(Tx& tx, std::optional<int64_t> decision_id,
                                                       std::optional<int64_t> unit_id, int64_t limit, int64_t offset) = 0;

  virtual std::vector<SigningKey> SigningKeys(Tx& tx) = 0;
  virtual void InsertSigningKey(Tx& tx, const SigningKey& key) = 0;
  virtual void RetireSigningKey(Tx& tx, const std::string& id, const std::string& at) = 0;

  //! Inserts the event with its segments and their recipients; fills segment ids.
  virtual int64_t InsertEvent(Tx& tx, Event& e) = 0;
  //! The event with its program (recipients named): three queries.
  virtual std::optional<Event> FindEvent(Tx& tx, int64_t id) = 0;
  virtual std::vector<Event> ListEvents(Tx& tx, std::optional<int64_t> unit_id) = 0;
};

std::unique_ptr<AwardRepository> MakeAwardRepository();

}  // namespace danvan
