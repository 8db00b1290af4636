#include "core/crypto.hpp"
#include "storage/award_repository.hpp"
#include "storage/row.hpp"
#include "storage/soci_optional.hpp"
#include "storage/sql/awards.hpp"
#include "storage/tx.hpp"

#include <sodium.h>

#include <map>

namespace danvan {
namespace {

// REAL (SQLite) and DOUBLE PRECISION (PostgreSQL) columns both come back as dt_double.
AwardType AwardTypeFromRow(const soci::row& r) {
  AwardType t;
  t.id = RowInt(r, 0);
  t.code = r.get<std::string>(1);
  t.name = r.get<std::string>(2);
  t.issuer_kind = ParseIssuerKind(r.get<std::string>(3)).value_or(IssuerKind::kPeoplesCommitteeChair);
  t.subject = ParseSubject(r.get<std::string>(4)).value_or(Subject::kCollective);
  t.legal_basis = r.get<std::string>(5);
  t.bonus_coefficient = r.get<double>(6);
  t.created_at = r.get<std::string>(7);
  return t;
}

Issuer IssuerFromRow(const soci::row& r) {
  Issuer i;
  i.id = RowInt(r, 0);
  i.unit_id = RowInt(r, 1);
  i.organisation_id = RowOptInt(r, 2);
  i.name = r.get<std::string>(3);
  i.kind = ParseIssuerKind(r.get<std::string>(4)).value_or(IssuerKind::kPeoplesCommitteeChair);
  i.format = ParseDocumentFormat(r.get<std::string>(5)).value_or(DocumentFormat::kState);
  i.symbol = r.get<std::string>(6);
  i.place = r.get<std::string>(7);
  i.created_at = r.get<std::string>(8);
  return i;
}

Proposal ProposalFromRow(const soci::row& r) {
  Proposal p;
  p.id = RowInt(r, 0);
  p.unit_id = RowInt(r, 1);
  p.issuer_id = RowInt(r, 2);
  p.campaign_id = RowOptInt(r, 3);
  p.council_session_id = RowOptInt(r, 4);
  p.year = static_cast<int>(RowInt(r, 5));
  p.title = r.get<std::string>(6);
  p.status = ParseProposalStatus(r.get<std::string>(7)).value_or(ProposalStatus::kDraft);
  p.status_reason = r.get<std::string>(8);
  p.created_by = r.get<std::string>(9);
  p.created_at = r.get<std::string>(10);
  p.updated_at = r.get<std::string>(11);
  return p;
}

// Legal bases are stored one per line.
std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Decision DecisionFromRow(const soci::row& r) {
  Decision d;
  d.id = RowInt(r, 0);
  d.unit_id = RowInt(r, 1);
  d.issuer_id = RowInt(r, 2);
  d.proposal_id = RowOptInt(r, 3);
  d.year = static_cast<int>(RowInt(r, 4));
  d.number = static_cast<int>(RowInt(r, 5));
  d.symbol = r.get<std::string>(6);
  d.decided_on = RowDate(r, 7);
  d.place = r.get<std::string>(8);
  d.summary = r.get<std::string>(9);
  d.legal_bases = SplitLines(r.get<std::string>(10));
  d.executors = r.get<std::string>(11);
  d.recipients = r.get<std::string>(12);
  d.signer_capacity = r.get<std::string>(13);
  d.signer_title = r.get<std::string>(14);
  d.signer_name = r.get<std::string>(15);
  d.base_salary = RowInt(r, 16);
  d.status = r.get<std::string>(17) == "revoked" ? DecisionStatus::kRevoked : DecisionStatus::kIssued;
  d.revoked_on = RowOptDate(r, 18);
  d.revocation_reason = RowOptString(r, 19).value_or("");
  d.issued_by = r.get<std::string>(20);
  d.created_at = r.get<std::string>(21);
  return d;
}

CertificateRow CertificateFromRow(const soci::row& r) {
  CertificateRow row;
  auto& c = row.certificate;
  c.id = RowInt(r, 0);
  c.public_id = r.get<std::string>(1);
  c.decision_id = RowInt(r, 2);
  c.beneficiary_id = RowInt(r, 3);
  c.status = r.get<std::string>(4) == "revoked" ? CertificateStatus::kRevoked : CertificateStatus::kValid;
  c.revoked_on = RowOptDate(r, 5);
  c.revocation_reason = RowOptString(r, 6).value_or("");
  c.signature = RowOptString(r, 7);
  c.key_id = RowOptString(r, 8);
  c.issued_at = r.get<std::string>(9);
  row.unit_id = RowInt(r, 10);
  row.beneficiary_name = r.get<std::string>(11);
  row.achievement = r.get<std::string>(12);
  row.award_type_name = r.get<std::string>(13);
  row.decision_symbol = r.get<std::string>(14);
  row.decided_on = RowDate(r, 15);
  row.issuer_name = r.get<std::string>(16);
  return row;
}

Event EventFromRow(const soci::row& r) {
  Event e;
  e.id = RowInt(r, 0);
  e.unit_id = RowInt(r, 1);
  e.title = r.get<std::string>(2);
  e.held_on = RowDate(r, 3);
  e.starts_at = r.get<std::string>(4);
  e.ends_at = r.get<std::string>(5);
  e.place = r.get<std::string>(6);
  e.description = r.get<std::string>(7);
  e.created_at = r.get<std::string>(8);
  return e;
}

class SociAwardRepository final : public AwardRepository {
 public:
  std::vector<AwardType> AwardTypes(Tx& tx) override {
    std::vector<AwardType> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectAwardTypes);
    for (const auto& r : rows) out.push_back(AwardTypeFromRow(r));
    return out;
  }

  std::vector<AwardType> FindAwardTypes(Tx& tx, const std::vector<int64_t>& ids) override {
    std::vector<AwardType> out;
    if (ids.empty()) return out;
    const std::string csv = IdList(ids);
    const auto query = tx.dialect() == Dialect::kSqlite ? sql::kSelectAwardTypesByIdsSqlite : sql::kSelectAwardTypesByIdsPostgres;
    soci::rowset<soci::row> rows = (tx.session().prepare << query, soci::use(csv));
    for (const auto& r : rows) out.push_back(AwardTypeFromRow(r));
    return out;
  }

  int64_t InsertAwardType(Tx& tx, const AwardType& t) override {
    int64_t id = 0;
    const std::string kind(ToString(t.issuer_kind)), subject(ToString(t.subject));
    tx.session() << sql::kInsertAwardType, soci::use(t.code), soci::use(t.name), soci::use(kind), soci::use(subject),
        soci::use(t.legal_basis), soci::use(t.bonus_coefficient), soci::use(t.created_at), soci::into(id);
    return id;
  }

  std::vector<BaseSalary> BaseSalaries(Tx& tx) override {
    std::vector<BaseSalary> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectBaseSalaries);
    for (const auto& r : rows) out.push_back(BaseSalary{RowDate(r, 0), RowInt(r, 1), r.get<std::string>(2)});
    return out;
  }

  std::optional<std::string> Setting(Tx& tx, const std::string& key) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectAwardSetting, soci::use(key));
    for (const auto& r : rows) return r.get<std::string>(0);
    return std::nullopt;
  }

  int64_t InsertIssuer(Tx& tx, const Issuer& i) override {
    int64_t id = 0;
    const std::string kind(ToString(i.kind)), format(ToString(i.format));
    tx.session() << sql::kInsertIssuer, soci::use(i.unit_id), soci::use(i.organisation_id), soci::use(i.name),
        soci::use(kind), soci::use(format), soci::use(i.symbol), soci::use(i.place), soci::use(i.created_at),
        soci::into(id);
    return id;
  }

  std::optional<Issuer> FindIssuer(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectIssuer, soci::use(id));
    for (const auto& r : rows) return IssuerFromRow(r);
    return std::nullopt;
  }

  std::vector<Issuer> ListIssuers(Tx& tx, std::optional<int64_t> unit_id) override {
    std::vector<Issuer> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectIssuers, soci::use(unit_id), soci::use(unit_id));
    for (const auto& r : rows) out.push_back(IssuerFromRow(r));
    return out;
  }

  int64_t InsertProposal(Tx& tx, Proposal& p) override {
    const std::string status(ToString(p.status));
    tx.session() << sql::kInsertProposal, soci::use(p.unit_id), soci::use(p.issuer_id), soci::use(p.campaign_id),
        soci::use(p.council_session_id), soci::use(p.year), soci::use(p.title), soci::use(status),
        soci::use(p.status_reason), soci::use(p.created_by), soci::use(p.created_at), soci::use(p.updated_at),
        soci::into(p.id);
    int position = 0;
    for (auto& n : p.nominees) {
      ++position;
      n.proposal_id = p.id;
      const std::string subject(ToString(n.subject));
      tx.session() << sql::kInsertNominee, soci::use(p.id), soci::use(position), soci::use(n.award_type_id),
          soci::use(subject), soci::use(n.model_id), soci::use(n.organisation_id), soci::use(n.person_id),
          soci::use(n.name), soci::use(n.achievement), soci::into(n.id);
    }
    return p.id;
  }

  std::optional<Proposal> FindProposal(Tx& tx, int64_t id) override {
    std::optional<Proposal> p;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectProposal, soci::use(id));
      for (const auto& r : rows) p = ProposalFromRow(r);
    }
    if (!p) return p;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectNominees, soci::use(id));
      for (const auto& r : rows) {
        Nominee n;
        n.id = RowInt(r, 0);
        n.proposal_id = RowInt(r, 1);
        n.award_type_id = RowInt(r, 2);
        n.subject = ParseSubject(r.get<std::string>(3)).value_or(Subject::kCollective);
        n.model_id = RowOptInt(r, 4);
        n.organisation_id = RowOptInt(r, 5);
        n.person_id = RowOptInt(r, 6);
        n.name = r.get<std::string>(7);
        n.achievement = r.get<std::string>(8);
        p->nominees.push_back(std::move(n));
      }
    }
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectProposalParts, soci::use(id));
    for (const auto& r : rows) {
      DossierPart part;
      part.id = RowInt(r, 0);
      part.proposal_id = RowInt(r, 1);
      part.kind = ParsePartKind(r.get<std::string>(2)).value_or(PartKind::kAttachment);
      part.origin = ParsePartOrigin(r.get<std::string>(3)).value_or(PartOrigin::kUploaded);
      part.title = r.get<std::string>(4);
      part.attachment_id = RowOptInt(r, 5);
      part.file_name = r.get<std::string>(6);
      part.media_type = r.get<std::string>(7);
      part.size_bytes = RowInt(r, 8);
      part.has_content = RowInt(r, 9) != 0;
      part.created_at = r.get<std::string>(10);
      p->parts.push_back(std::move(part));
    }
    return p;
  }

  Page<Proposal> ListProposals(Tx& tx, const ProposalQuery& q) override {
    Page<Proposal> page;
    std::optional<std::string> status;
    if (q.status) status = std::string(ToString(*q.status));
    std::optional<int64_t> year;
    if (q.year) year = *q.year;
    tx.session() << sql::kCountProposals, soci::use(q.unit_id), soci::use(q.unit_id), soci::use(status),
        soci::use(status), soci::use(year), soci::use(year), soci::into(page.total);
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectProposalsPage, soci::use(q.unit_id), soci::use(q.unit_id), soci::use(status),
         soci::use(status), soci::use(year), soci::use(year), soci::use(q.limit), soci::use(q.offset));
    for (const auto& r : rows) page.items.push_back(ProposalFromRow(r));
    return page;
  }

  void UpdateProposalStatus(Tx& tx, const Proposal& p) override {
    const std::string status(ToString(p.status));
    tx.session() << sql::kUpdateProposalStatus, soci::use(status), soci::use(p.status_reason),
        soci::use(p.council_session_id), soci::use(p.updated_at), soci::use(p.id);
  }

  bool ClaimModel(Tx& tx, int64_t model_id, int64_t nominee_id) override {
    int64_t claimed = 0;
    soci::statement st = (tx.session().prepare << sql::kInsertAwardClaim, soci::use(model_id), soci::use(nominee_id),
                          soci::into(claimed));
    st.execute(true);
    return st.got_data();
  }

  std::optional<AwardClaim> FindClaim(Tx& tx, int64_t model_id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectAwardClaim, soci::use(model_id));
    for (const auto& r : rows)
      return AwardClaim{RowInt(r, 0), RowInt(r, 1), r.get<std::string>(2), RowOptString(r, 3), r.get<std::string>(4)};
    return std::nullopt;
  }

  int64_t InsertPart(Tx& tx, const DossierPart& p, const std::optional<std::string>& content) override {
    int64_t id = 0;
    const std::string kind(ToString(p.kind)), origin(ToString(p.origin));
    std::optional<std::string> encoded;
    if (content) encoded = Base64Url(*content);
    tx.session() << sql::kInsertProposalPart, soci::use(p.proposal_id), soci::use(kind), soci::use(origin),
        soci::use(p.title), soci::use(p.attachment_id), soci::use(p.file_name), soci::use(p.media_type),
        soci::use(p.size_bytes), soci::use(encoded), soci::use(p.created_at), soci::into(id);
    return id;
  }

  std::optional<std::string> PartContent(Tx& tx, int64_t part_id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectProposalPartContent, soci::use(part_id));
    for (const auto& r : rows) {
      auto text = RowOptString(r, 0);
      if (!text) return std::nullopt;
      std::string out(text->size() * 3 / 4 + 3, '\0');
      size_t len = 0;
      if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text->data(), text->size(),
                            nullptr, &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        throw std::runtime_error("a stored dossier part is not valid base64");
      out.resize(len);
      return out;
    }
    return std::nullopt;
  }

  int NextDecisionNumber(Tx& tx, int64_t issuer_id, int year) override {
    int64_t number = 0;
    const int64_t y = year;
    tx.session() << sql::kNextDecisionNumber, soci::use(issuer_id), soci::use(y), soci::into(number);
    return static_cast<int>(number);
  }

  int64_t InsertDecision(Tx& tx, Decision& d) override {
    const std::string decided = d.decided_on.Iso(), bases = JoinLines(d.legal_bases);
    const int64_t year = d.year, number = d.number;
    tx.session() << sql::kInsertDecision, soci::use(d.unit_id), soci::use(d.issuer_id), soci::use(d.proposal_id),
        soci::use(year), soci::use(number), soci::use(d.symbol), soci::use(decided), soci::use(d.place),
        soci::use(d.summary), soci::use(bases), soci::use(d.executors), soci::use(d.recipients),
        soci::use(d.signer_capacity), soci::use(d.signer_title), soci::use(d.signer_name), soci::use(d.base_salary),
        soci::use(d.issued_by), soci::use(d.created_at), soci::into(d.id);
    int position = 0;
    for (auto& b : d.beneficiaries) {
      ++position;
      b.decision_id = d.id;
      const std::string subject(ToString(b.subject));
      tx.session() << sql::kInsertBeneficiary, soci::use(d.id), soci::use(b.nominee_id), soci::use(position),
          soci::use(b.award_type_id), soci::use(subject), soci::use(b.model_id), soci::use(b.organisation_id),
          soci::use(b.person_id), soci::use(b.name), soci::use(b.achievement), soci::use(b.coefficient),
          soci::use(b.amount), soci::into(b.id);
    }
    return d.id;
  }

  void LoadBeneficiaries(Tx& tx, Decision& d) {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectBeneficiaries, soci::use(d.id));
    for (const auto& r : rows) {
      Beneficiary b;
      b.id = RowInt(r, 0);
      b.decision_id = RowInt(r, 1);
      b.nominee_id = RowOptInt(r, 2);
      b.award_type_id = RowInt(r, 3);
      b.subject = ParseSubject(r.get<std::string>(4)).value_or(Subject::kCollective);
      b.model_id = RowOptInt(r, 5);
      b.organisation_id = RowOptInt(r, 6);
      b.person_id = RowOptInt(r, 7);
      b.name = r.get<std::string>(8);
      b.achievement = r.get<std::string>(9);
      b.coefficient = r.get<double>(10);
      b.amount = RowInt(r, 11);
      b.certificate_id = RowOptInt(r, 12);
      b.certificate_public_id = RowOptString(r, 13).value_or("");
      d.beneficiaries.push_back(std::move(b));
    }
  }

  std::optional<Decision> FindDecision(Tx& tx, int64_t id) override {
    std::optional<Decision> d;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectDecision, soci::use(id));
      for (const auto& r : rows) d = DecisionFromRow(r);
    }
    if (d) LoadBeneficiaries(tx, *d);
    return d;
  }

  std::optional<Decision> FindDecisionOfProposal(Tx& tx, int64_t proposal_id) override {
    std::optional<Decision> d;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectDecisionOfProposal, soci::use(proposal_id));
      for (const auto& r : rows) d = DecisionFromRow(r);
    }
    if (d) LoadBeneficiaries(tx, *d);
    return d;
  }

  Page<Decision> ListDecisions(Tx& tx, const DecisionQuery& q) override {
    Page<Decision> page;
    std::optional<int64_t> year;
    if (q.year) year = *q.year;
    tx.session() << sql::kCountDecisions, soci::use(q.unit_id), soci::use(q.unit_id), soci::use(q.issuer_id),
        soci::use(q.issuer_id), soci::use(year), soci::use(year), soci::into(page.total);
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectDecisionsPage, soci::use(q.unit_id), soci::use(q.unit_id),
         soci::use(q.issuer_id), soci::use(q.issuer_id), soci::use(year), soci::use(year), soci::use(q.limit),
         soci::use(q.offset));
    for (const auto& r : rows) page.items.push_back(DecisionFromRow(r));
    return page;
  }

  void RevokeDecision(Tx& tx, int64_t id, const Date& on, const std::string& reason) override {
    const std::string date = on.Iso();
    tx.session() << sql::kRevokeDecision, soci::use(date), soci::use(reason), soci::use(id);
  }

  int64_t InsertCertificate(Tx& tx, const Certificate& c) override {
    int64_t id = 0;
    tx.session() << sql::kInsertCertificate, soci::use(c.public_id), soci::use(c.decision_id),
        soci::use(c.beneficiary_id), soci::use(c.issued_at), soci::use(c.signature), soci::use(c.key_id), soci::into(id);
    return id;
  }

  int RevokeCertificatesOf(Tx& tx, int64_t decision_id, const Date& on, const std::string& reason) override {
    const std::string date = on.Iso();
    soci::statement st =
        (tx.session().prepare << sql::kRevokeCertificates, soci::use(date), soci::use(reason), soci::use(decision_id));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
  }

  std::optional<CertificateRow> FindCertificate(Tx& tx, int64_t id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCertificate, soci::use(id));
    for (const auto& r : rows) return CertificateFromRow(r);
    return std::nullopt;
  }

  std::optional<CertificateRow> FindCertificateByPublicId(Tx& tx, const std::string& public_id) override {
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectCertificateByPublicId, soci::use(public_id));
    for (const auto& r : rows) return CertificateFromRow(r);
    return std::nullopt;
  }

  std::vector<CertificateRow> ListCertificates(Tx& tx, std::optional<int64_t> decision_id, std::optional<int64_t> unit_id,
                                               int64_t limit, int64_t offset) override {
    std::vector<CertificateRow> out;
    soci::rowset<soci::row> rows =
        (tx.session().prepare << sql::kSelectCertificates, soci::use(decision_id), soci::use(decision_id),
         soci::use(unit_id), soci::use(unit_id), soci::use(limit), soci::use(offset));
    for (const auto& r : rows) out.push_back(CertificateFromRow(r));
    return out;
  }

  std::vector<SigningKey> SigningKeys(Tx& tx) override {
    std::vector<SigningKey> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectSigningKeys);
    for (const auto& r : rows)
      out.push_back(SigningKey{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                               r.get<std::string>(3), r.get<std::string>(4), RowOptString(r, 5)});
    return out;
  }

  void InsertSigningKey(Tx& tx, const SigningKey& k) override {
    tx.session() << sql::kInsertSigningKey, soci::use(k.id), soci::use(k.public_key), soci::use(k.secret_key),
        soci::use(k.created_at);
  }

  void RetireSigningKey(Tx& tx, const std::string& id, const std::string& at) override {
    tx.session() << sql::kRetireSigningKey, soci::use(at), soci::use(id);
  }

  int64_t InsertEvent(Tx& tx, Event& e) override {
    const std::string held = e.held_on.Iso();
    tx.session() << sql::kInsertEvent, soci::use(e.unit_id), soci::use(e.title), soci::use(held),
        soci::use(e.starts_at), soci::use(e.ends_at), soci::use(e.place), soci::use(e.description),
        soci::use(e.created_at), soci::into(e.id);
    for (auto& s : e.segments) {
      const std::string kind(ToString(s.kind));
      const int64_t position = s.position;
      tx.session() << sql::kInsertSegment, soci::use(e.id), soci::use(position), soci::use(kind), soci::use(s.title),
          soci::use(s.presenter_person_id), soci::use(s.presenter_name), soci::use(s.presenter_title),
          soci::use(s.decision_id), soci::into(s.id);
      for (const auto& rc : s.recipients) {
        const int64_t order = rc.stage_order;
        tx.session() << sql::kInsertSegmentRecipient, soci::use(s.id), soci::use(rc.beneficiary_id), soci::use(order);
      }
    }
    return e.id;
  }

  std::optional<Event> FindEvent(Tx& tx, int64_t id) override {
    std::optional<Event> e;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectEvent, soci::use(id));
      for (const auto& r : rows) e = EventFromRow(r);
    }
    if (!e) return e;
    {
      soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectSegments, soci::use(id));
      for (const auto& r : rows) {
        Segment s;
        s.id = RowInt(r, 0);
        s.position = static_cast<int>(RowInt(r, 1));
        s.kind = ParseSegmentKind(r.get<std::string>(2)).value_or(SegmentKind::kOther);
        s.title = r.get<std::string>(3);
        s.presenter_person_id = RowOptInt(r, 4);
        s.presenter_name = r.get<std::string>(5);
        s.presenter_title = r.get<std::string>(6);
        s.decision_id = RowOptInt(r, 7);
        e->segments.push_back(std::move(s));
      }
    }
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectSegmentRecipients, soci::use(id));
    for (const auto& r : rows) {
      const int64_t segment = RowInt(r, 0);
      for (auto& s : e->segments)
        if (s.id == segment)
          s.recipients.push_back(SegmentRecipient{RowInt(r, 1), static_cast<int>(RowInt(r, 2)), r.get<std::string>(3)});
    }
    return e;
  }

  std::vector<Event> ListEvents(Tx& tx, std::optional<int64_t> unit_id) override {
    std::vector<Event> out;
    soci::rowset<soci::row> rows = (tx.session().prepare << sql::kSelectEvents, soci::use(unit_id), soci::use(unit_id));
    for (const auto& r : rows) out.push_back(EventFromRow(r));
    return out;
  }
};

}  // namespace

std::unique_ptr<AwardRepository> MakeAwardRepository() { return std::make_unique<SociAwardRepository>(); }

}  // namespace danvan
