#include "storage/repositories.hpp"

namespace danvan {

// Each lives beside its SOCI implementation.
std::unique_ptr<AuditRepository> MakeAuditRepository();
std::unique_ptr<TerritoryRepository> MakeTerritoryRepository();
std::unique_ptr<AccountRepository> MakeAccountRepository();
std::unique_ptr<OrganisationRepository> MakeOrganisationRepository();
std::unique_ptr<PersonRepository> MakePersonRepository();
std::unique_ptr<MovementRepository> MakeMovementRepository();

Repositories MakeRepositories() {
  Repositories r;
  r.audit = MakeAuditRepository();
  r.territory = MakeTerritoryRepository();
  r.accounts = MakeAccountRepository();
  r.organisations = MakeOrganisationRepository();
  r.people = MakePersonRepository();
  r.movement = MakeMovementRepository();
  return r;
}

}  // namespace danvan
